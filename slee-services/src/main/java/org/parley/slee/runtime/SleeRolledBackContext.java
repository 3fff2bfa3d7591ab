package org.parley.slee.runtime;

import javax.slee.ActivityContextInterface;
import javax.slee.RolledBackContext;

/** What {@code sbbRolledBack} is told: the event whose delivery rolled back and on which activity. */
record SleeRolledBackContext(Object event, ActivityContextInterface activityContext) implements RolledBackContext {

    @Override
    public Object getEvent() {
        return event;
    }

    @Override
    public ActivityContextInterface getActivityContextInterface() {
        return activityContext;
    }

    /** Parley's transactions roll back event deliveries, never a bare {@code remove()} call. */
    @Override
    public boolean isRemoveRolledBack() {
        return false;
    }
}
