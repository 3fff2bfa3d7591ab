package org.parley.cdr;

import java.util.List;

import org.parley.access.Caller;

/** The calls in progress; the SIP services implement it (they own the calls), the API reads it. */
public interface ActiveCalls {

    /** The caller's tenant's calls in progress, oldest first. */
    List<ActiveCall> list(Caller caller);
}
