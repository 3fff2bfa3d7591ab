package org.parley.cdr;

import java.time.Instant;

/**
 * Where call control reports each call's steps. Called from SLEE event threads, so implementations must not block:
 * the steps are appended to the event log behind the caller ({@code call.Started}, {@code call.Ringing},
 * {@code call.Answered}, {@code call.Ended}), and the CDR is their projection.
 *
 * @see CallDetailRecord
 */
public interface CallJournal {

    /**
     * @param sipDomain the tenant's SIP domain (the digest realm the caller authenticated in)
     * @param call      the call's unique reference (a UUID); not SIP's Call-ID, which differs per leg
     */
    void started(String sipDomain, String call, String caller, String callee, Instant at);

    void ringing(String sipDomain, String call, Instant at);

    void answered(String sipDomain, String call, Instant at);

    void ended(String sipDomain, String call, Instant at, CallOutcome outcome);
}
