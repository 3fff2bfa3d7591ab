package org.parley.slee.runtime;

import javax.slee.ActivityEndEvent;

/** The event every attached SBB gets when its activity ends; it carries nothing, so one instance serves all. */
enum ActivityEnd implements ActivityEndEvent {
    INSTANCE
}
