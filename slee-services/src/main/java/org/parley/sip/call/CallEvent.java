package org.parley.sip.call;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.parley.media.control.MediaDirection;

/**
 * What the call SBB tells the state machine: a SIP message, a media result, a timer, or the answer to a lookup.
 * These are the facts as the SBB sees them; the machine sorts each into a {@link Kind} (with the fork set's help,
 * e.g. whether a 2xx is the first or a late one), and the transition table is written in kinds.
 */
public sealed interface CallEvent {

    /**
     * The initial INVITE, after the caller passed digest authentication (the SBB answers an unauthenticated INVITE
     * with 407 itself; the retry is a new transaction and the first event the machine sees).
     *
     * @param caller    the caller's address-of-record as authenticated
     * @param callee    the dialled address-of-record
     * @param withOffer whether the INVITE carried an SDP offer; without one (RFC 3261 §13.2.1, "delayed offer")
     *                  Parley offers in its 200 and the caller answers in its ACK
     */
    record Invite(String caller, String callee, boolean withOffer) implements CallEvent {

        public Invite {
            requireText(caller, "caller");
            requireText(callee, "callee");
        }

        /** An INVITE with an offer, the usual case. */
        public Invite(String caller, String callee) {
            this(caller, callee, true);
        }
    }

    /** The directory has no extension by the dialled name. */
    record CalleeUnknown() implements CallEvent {
    }

    /** The extension exists but has no live binding. */
    record CalleeNotRegistered() implements CallEvent {
    }

    /**
     * The callee's live bindings, one target per contact, with the branch ids the SBB will use for their INVITEs.
     */
    record CalleeLocated(List<ForkSet.Target> targets) implements CallEvent {

        public CalleeLocated {
            targets = List.copyOf(targets);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("no contacts: that is CalleeNotRegistered");
            }
            Set<String> ids = new HashSet<>();
            targets.forEach(t -> {
                if (!ids.add(t.id())) {
                    throw new IllegalArgumentException("branch id " + t.id() + " given twice");
                }
            });
        }
    }

    /** Both endpoints are open: the caller's has answered its offer, the callee's has an offer for the INVITEs. */
    record MediaReady() implements CallEvent {
    }

    /** The media server could not anchor the call's media, or lost it. */
    record MediaFailed(MediaFailure failure) implements CallEvent {

        public MediaFailed {
            Objects.requireNonNull(failure, "failure");
        }
    }

    /**
     * A response on one branch. A client transaction timeout is fed as 408 and a transport failure as 503, as RFC
     * 3261 §8.1.3.1 says a UAC should treat them.
     */
    record BranchResponse(String branch, int status) implements CallEvent {

        public BranchResponse {
            requireText(branch, "branch");
            if (status < 100 || status > 699) {
                throw new IllegalArgumentException("not a SIP status: " + status);
            }
        }
    }

    /** The no-answer timer fired. */
    record NoAnswerTimeout() implements CallEvent {
    }

    /** The caller sent CANCEL for its INVITE. */
    record CallerCancel() implements CallEvent {
    }

    /** The caller acknowledged a 2xx (of its INVITE, or of a re-INVITE). */
    record CallerAck() implements CallEvent {
    }

    /**
     * The caller acknowledged the 200 of a delayed-offer call, but the ACK brought no usable answer to the offer
     * the 200 carried; the caller's leg cannot have media.
     *
     * @param failure {@link MediaFailure#CALLER_ANSWER_MISSING} or {@link MediaFailure#CALLER_ANSWER_NOT_ACCEPTABLE}
     */
    record CallerAckWithoutAnswer(MediaFailure failure) implements CallEvent {

        public CallerAckWithoutAnswer {
            if (failure != MediaFailure.CALLER_ANSWER_MISSING && failure != MediaFailure.CALLER_ANSWER_NOT_ACCEPTABLE) {
                throw new IllegalArgumentException("not a failure of the caller's answer: " + failure);
            }
        }
    }

    /**
     * A branch Parley sent CANCEL to has not sent its final response within 64*T1: RFC 3261 §9.1 lets the UAC
     * consider the INVITE cancelled and destroy its transaction.
     */
    record CancelUnanswered(String branch) implements CallEvent {

        public CancelUnanswered {
            requireText(branch, "branch");
        }
    }

    /** The callee acknowledged the 2xx of one of its re-INVITEs. */
    record CalleeAck() implements CallEvent {
    }

    /** Our 2xx to the caller went unacknowledged for 64*T1 (RFC 3261 §13.3.1.4). */
    record CallerAckTimeout() implements CallEvent {
    }

    /** The caller sent BYE, on the confirmed dialog or the early one (RFC 3261 §15). */
    record CallerBye() implements CallEvent {
    }

    /** BYE on the dialog of one branch: the winner's ends the call, another's only its stray dialog. */
    record CalleeBye(String branch) implements CallEvent {

        public CalleeBye {
            requireText(branch, "branch");
        }
    }

    /**
     * The caller sent a re-INVITE.
     *
     * @param offered    the direction of its offer's audio (see {@link SdpDirection}); empty for a re-INVITE without
     *                   an offer, which changes nothing about hold
     * @param acceptable whether the leg's endpoint can answer the offer (it shares a codec with us); one it cannot
     *                   is refused with 488 and changes nothing (RFC 3261 §14.2)
     */
    record CallerReInvite(Optional<MediaDirection> offered, boolean acceptable) implements CallEvent {

        public CallerReInvite {
            Objects.requireNonNull(offered, "offered");
        }

        /** A re-INVITE whose offer, if any, the endpoint can answer. */
        public CallerReInvite(Optional<MediaDirection> offered) {
            this(offered, true);
        }
    }

    /** The callee sent a re-INVITE; {@code offered} and {@code acceptable} as for {@link CallerReInvite}. */
    record CalleeReInvite(Optional<MediaDirection> offered, boolean acceptable) implements CallEvent {

        public CalleeReInvite {
            Objects.requireNonNull(offered, "offered");
        }

        /** A re-INVITE whose offer, if any, the endpoint can answer. */
        public CalleeReInvite(Optional<MediaDirection> offered) {
            this(offered, true);
        }
    }

    /** The columns of the transition table: events as the call sees them. */
    enum Kind {
        INVITE,
        CALLEE_UNKNOWN,
        CALLEE_NOT_REGISTERED,
        CALLEE_LOCATED,
        MEDIA_READY,
        MEDIA_FAILED,
        /** 100 Trying on a branch: hop-by-hop, it only stops INVITE retransmissions. */
        BRANCH_TRYING,
        /** 180 Ringing on a branch. */
        BRANCH_RINGING,
        /** Any other provisional (181, 182, 183, 199): the callee is being reached. */
        BRANCH_PROGRESS,
        /** The first provisional of a branch that owes a deferred CANCEL (RFC 3261 §9.1). */
        CANCELLED_BRANCH_PROCEEDING,
        /** The first 2xx on any branch. */
        BRANCH_ANSWERED,
        /** A 2xx on another branch after one won (RFC 3261 §13.2.2.4: it gets ACK, then BYE). */
        LATE_ANSWER,
        /** A final response on a branch that already has one. */
        RESPONSE_RETRANSMITTED,
        /** A non-2xx final on one branch while others still wait, or after the call was answered. */
        BRANCH_FAILED,
        /** A non-2xx final on the last unfinished branch, none having answered. */
        LAST_BRANCH_FAILED,
        /** A 6xx before any answer: the callee declined everywhere, the fork ends (RFC 3261 §16.7 step 6). */
        GLOBAL_FAILURE,
        NO_ANSWER_TIMEOUT,
        CALLER_CANCEL,
        CALLER_ACK,
        /** The ACK of a delayed-offer call's 200 without a usable answer to our offer. */
        CALLER_ACK_WITHOUT_ANSWER,
        CALLEE_ACK,
        CALLER_ACK_TIMEOUT,
        CALLER_BYE,
        /** BYE from the winning branch. */
        CALLEE_BYE,
        /** BYE on the dialog of a branch that did not win, e.g. a late answer's, crossing our BYE. */
        STRAY_CALLEE_BYE,
        /** A re-INVITE whose offer does not receive (sendonly, inactive, c=0.0.0.0): RFC 3264 §8.4 hold. */
        CALLER_HOLD,
        /** A re-INVITE whose offer receives: resume, or a refresh that keeps talking. */
        CALLER_RESUME,
        CALLEE_HOLD,
        CALLEE_RESUME,
        /** A re-INVITE from the caller whose offer its endpoint cannot answer (no common codec, no audio). */
        CALLER_REINVITE_NOT_ACCEPTABLE,
        CALLEE_REINVITE_NOT_ACCEPTABLE,
        /**
         * A re-INVITE from the caller, whatever it offers, while our offer, sent in the 200 to its earlier re-INVITE
         * without SDP, still waits for the answer in its ACK: two offers crossing (RFC 3261 §14.2, RFC 3264 §4),
         * refused with 491.
         */
        CALLER_REINVITE_GLARE,
        CALLEE_REINVITE_GLARE,
        /** A cancelled branch's final response is 64*T1 overdue (RFC 3261 §9.1): the branch is given up. */
        CANCEL_UNANSWERED
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " cannot be blank");
        }
    }
}
