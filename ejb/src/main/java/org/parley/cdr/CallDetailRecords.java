package org.parley.cdr;

import java.time.Instant;
import java.util.List;

import org.parley.access.Caller;

/** Reading CDRs (supervisors and admins). */
public interface CallDetailRecords {

    /** Calls that started in {@code [from, to)}, newest first, at most {@code limit}. */
    List<CallDetailRecord> list(Caller caller, Instant from, Instant to, int limit);

    CallDetailRecord find(Caller caller, String call);
}
