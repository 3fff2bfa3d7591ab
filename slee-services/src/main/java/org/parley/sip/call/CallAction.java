package org.parley.sip.call;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One thing the call SBB must do, in the order the step lists them. An action names a branch when it concerns one
 * callee-side transaction or dialog, and a status code when it sends a response whose code the machine decided.
 *
 * <p>In the transition table an action may be a template: a {@link Kind.Parameter#CODE} kind without a code takes
 * the code the machine decides (the best final response, 487 after a CANCEL …), and a {@link Kind.Parameter#BRANCH}
 * kind is expanded into one action per branch it concerns. The actions of a {@link CallStep} are always complete.
 */
public record CallAction(Kind kind, OptionalInt code, Optional<String> branch) {

    /** What to do; each constant says what carrying it out means and what the SBB reports back. */
    public enum Kind {
        /** Look up the dialled extension and its live bindings; report CalleeUnknown, CalleeNotRegistered or CalleeLocated. */
        RESOLVE_CALLEE(Parameter.NONE),
        /**
         * Open the caller's endpoint, answering the caller's offer (or, for a delayed-offer INVITE, making the offer
         * our 200 will carry), and the callee's, whose offer every branch's INVITE will carry; report MediaReady or
         * MediaFailed. If the call has ended when the endpoints open, they are released (the machine asks for it).
         */
        ANCHOR_MEDIA(Parameter.NONE),
        /** Send the INVITE with the callee endpoint's offer to this branch's contact, the branch id as Via branch. */
        INVITE_BRANCH(Parameter.BRANCH),
        /** Arm the no-answer timer (the callee's configured ring time); when it fires, report NoAnswerTimeout. */
        START_NO_ANSWER_TIMER(Parameter.NONE),
        CANCEL_NO_ANSWER_TIMER(Parameter.NONE),
        /** Send a provisional response to the caller: 180 with no body, or 183 with the caller endpoint's answer. */
        SEND_PROVISIONAL_TO_CALLER(Parameter.CODE),
        /** Play ringback on the caller's endpoint: early media, heard because the caller got 183 with our SDP. */
        PLAY_RINGBACK(Parameter.NONE),
        /** Stop the ringback before the bridge takes over the caller's endpoint. */
        STOP_RINGBACK(Parameter.NONE),
        /**
         * This branch won: give the SDP answer in its 2xx to the callee's endpoint and ACK the 2xx (RFC 3261
         * §13.2.2.4). The ACK goes out even if the endpoint refuses the answer; report that as MediaFailed.
         */
        ACK_BRANCH(Parameter.BRANCH),
        /**
         * Send CANCEL on this branch's INVITE (it has had a provisional response, RFC 3261 §9.1) and arm its guard:
         * if no final response comes within 64*T1, report CancelUnanswered for the branch.
         */
        CANCEL_BRANCH(Parameter.BRANCH),
        /**
         * Give up a cancelled branch whose final response never came (RFC 3261 §9.1): end its INVITE client
         * transaction and its early dialog, so nothing of the call waits for it any more.
         */
        DROP_BRANCH(Parameter.BRANCH),
        /** A 2xx the call does not take: ACK it and BYE that dialog at once (RFC 3261 §13.2.2.4, §15). */
        ACK_AND_BYE_LATE_BRANCH(Parameter.BRANCH),
        /** Join the caller's and the callee's endpoints in a 2-party bridge. */
        BRIDGE_MEDIA(Parameter.NONE),
        /**
         * Answer the caller's INVITE with 200 carrying the caller endpoint's answer (for a delayed offer, its offer,
         * whose answer the ACK brings); then the caller's ACK is due.
         */
        FORWARD_ANSWER_TO_CALLER(Parameter.NONE),
        /** Answer the caller's INVITE with this non-2xx final response (503 also with Retry-After). */
        SEND_FINAL_TO_CALLER(Parameter.CODE),
        /** Answer the caller's CANCEL with 200 (RFC 3261 §9.2); any 487 for the INVITE is its own action. */
        ACCEPT_CANCEL(Parameter.NONE),
        /** Answer the caller's BYE with 200. */
        CONFIRM_BYE_FROM_CALLER(Parameter.NONE),
        /** Answer the callee's BYE with 200. */
        CONFIRM_BYE_FROM_CALLEE(Parameter.NONE),
        SEND_BYE_TO_CALLER(Parameter.NONE),
        /** Send BYE on the winning branch's dialog. */
        SEND_BYE_TO_CALLEE(Parameter.BRANCH),
        /** Give the caller's re-INVITE offer to its endpoint and answer 200 with the endpoint's answer. */
        ANSWER_REINVITE_FROM_CALLER(Parameter.NONE),
        /** Give the callee's re-INVITE offer to its endpoint and answer 200 with the endpoint's answer. */
        ANSWER_REINVITE_FROM_CALLEE(Parameter.NONE),
        /** Refuse the caller's re-INVITE: 491 to retry later (RFC 3261 §14.2), 481 once the call is over. */
        REFUSE_REINVITE_FROM_CALLER(Parameter.CODE),
        /** Refuse the callee's re-INVITE, with the code as for the caller's. */
        REFUSE_REINVITE_FROM_CALLEE(Parameter.CODE),
        /** Close the bridge and both endpoints, whatever of them exists (the recorder closes its file). */
        RELEASE_MEDIA(Parameter.NONE),
        /** The call record was started (caller, callee, start): publish it as a call event. */
        RECORD_START(Parameter.NONE),
        /** The call record has its ring time: publish it. */
        RECORD_RING(Parameter.NONE),
        /** The call record has its answer time: publish it. */
        RECORD_ANSWER(Parameter.NONE),
        /** The call record is complete (end, disposition, hangup side, final code): publish it for the CDR. */
        RECORD_END(Parameter.NONE);

        /** What an action of this kind carries besides its kind. */
        public enum Parameter {
            NONE,
            CODE,
            BRANCH
        }

        private final Parameter parameter;

        Kind(Parameter parameter) {
            this.parameter = parameter;
        }

        public Parameter parameter() {
            return parameter;
        }
    }

    public CallAction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(branch, "branch");
        if (code.isPresent() && kind.parameter() != Kind.Parameter.CODE) {
            throw new IllegalArgumentException(kind + " carries no status code");
        }
        if (code.isPresent() && (code.getAsInt() < 100 || code.getAsInt() > 699)) {
            throw new IllegalArgumentException("not a SIP status: " + code.getAsInt());
        }
        if (branch.isPresent() && kind.parameter() != Kind.Parameter.BRANCH) {
            throw new IllegalArgumentException(kind + " names no branch");
        }
    }

    /** An action without parameter, or a template whose parameter the machine fills in. */
    public static CallAction of(Kind kind) {
        return new CallAction(kind, OptionalInt.empty(), Optional.empty());
    }

    public static CallAction of(Kind kind, int code) {
        return new CallAction(kind, OptionalInt.of(code), Optional.empty());
    }

    public static CallAction of(Kind kind, String branch) {
        return new CallAction(kind, OptionalInt.empty(), Optional.of(branch));
    }

    /** Whether the action carries what its kind needs, so the SBB can carry it out. */
    public boolean isComplete() {
        return switch (kind.parameter()) {
            case NONE -> true;
            case CODE -> code.isPresent();
            case BRANCH -> branch.isPresent();
        };
    }

    /** {@code KIND}, {@code KIND(180)} or {@code KIND(branch)}, as the transition table is written. */
    @Override
    public String toString() {
        if (code.isPresent()) {
            return kind + "(" + code.getAsInt() + ")";
        }
        return branch.map(b -> kind + "(" + b + ")").orElse(kind.name());
    }
}
