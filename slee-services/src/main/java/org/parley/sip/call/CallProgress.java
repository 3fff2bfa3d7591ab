package org.parley.sip.call;

import java.util.Objects;
import java.util.Optional;

/**
 * Where one call stands: its state, its fork and its record so far. Immutable and made of enums, strings and
 * instants, so the call SBB keeps it in a single CMP field and a rolled-back event restores the previous value.
 *
 * @param record       empty only before the INVITE
 * @param delayedOffer the caller's INVITE had no SDP (RFC 3261 §13.2.1, RFC 3264 §4): Parley's offer goes in the 200
 *                     and the caller's answer comes in its ACK
 * @param callerAnswerDue Parley's 200 to a re-INVITE without SDP from the caller offered, and the caller's ACK with
 *                     the answer has not come yet: another re-INVITE from the caller meanwhile is glare (491). If the
 *                     ACK never comes, the SIP stack ends the dialog (RFC 3261 §13.3.1.4), so this cannot stay
 *                     set on a dialog that lives on
 * @param calleeAnswerDue the same for the callee's leg
 */
public record CallProgress(CallState state, ForkSet forks, Optional<CallRecord> record, boolean delayedOffer,
                           boolean callerAnswerDue, boolean calleeAnswerDue) {

    private static final CallProgress IDLE = new CallProgress(CallState.IDLE, ForkSet.none(), Optional.empty(), false);

    public CallProgress {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(forks, "forks");
        Objects.requireNonNull(record, "record");
        if (state != CallState.IDLE && record.isEmpty()) {
            throw new IllegalArgumentException("a call past IDLE has a record");
        }
    }

    /** A call with no offer of ours waiting for an ACK. */
    public CallProgress(CallState state, ForkSet forks, Optional<CallRecord> record, boolean delayedOffer) {
        this(state, forks, record, delayedOffer, false, false);
    }

    /** A call before its INVITE: what a new SBB entity starts from. */
    public static CallProgress idle() {
        return IDLE;
    }

    /**
     * Whether nothing is left to do: the call has ended and every branch has its final response, so the SBB may end
     * its activities.
     */
    public boolean isSettled() {
        return state == CallState.ENDED && forks.isSettled();
    }

    CallProgress withForks(ForkSet newForks) {
        return new CallProgress(state, newForks, record, delayedOffer, callerAnswerDue, calleeAnswerDue);
    }
}
