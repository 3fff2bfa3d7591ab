package org.parley.sip.call;

/**
 * Names under which the container binds what call control reports to in the SLEE's environment: the
 * {@link org.parley.cdr.CallJournal} (call steps → event log → CDRs) and the {@link ActiveCallRegistry} (calls in
 * progress for the API).
 */
public final class CallEnvironment {

    public static final String CALL_JOURNAL = "parley/call-journal";
    public static final String ACTIVE_CALLS = "parley/active-calls";

    private CallEnvironment() {
    }
}
