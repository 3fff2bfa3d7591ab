package org.parley.sip.call;

/**
 * Where the call service hands a call's record each time the state machine asks for it (start, ring, answer, end):
 * the port the CDR projection implements. A record with {@link CallRecord#isEnded()} is the finished one.
 *
 * <p>Called on a SLEE event thread at the end of the handler that changed the record, so an implementation must
 * not block (no JDBC here: queue the record for the event log instead) and must not throw.
 */
@FunctionalInterface
public interface CallRecords {

    void publish(CallRecord record);

    /** Until the CDR projection exists: records stay in the call's CMP state only. */
    static CallRecords discard() {
        return record -> {
        };
    }
}
