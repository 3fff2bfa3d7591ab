package org.parley.sip.call;

import static org.parley.sip.call.CallAction.Kind.ACCEPT_CANCEL;
import static org.parley.sip.call.CallAction.Kind.ACK_AND_BYE_LATE_BRANCH;
import static org.parley.sip.call.CallAction.Kind.ACK_BRANCH;
import static org.parley.sip.call.CallAction.Kind.ANCHOR_MEDIA;
import static org.parley.sip.call.CallAction.Kind.ANSWER_REINVITE_FROM_CALLEE;
import static org.parley.sip.call.CallAction.Kind.ANSWER_REINVITE_FROM_CALLER;
import static org.parley.sip.call.CallAction.Kind.BRIDGE_MEDIA;
import static org.parley.sip.call.CallAction.Kind.CANCEL_BRANCH;
import static org.parley.sip.call.CallAction.Kind.CANCEL_NO_ANSWER_TIMER;
import static org.parley.sip.call.CallAction.Kind.CONFIRM_BYE_FROM_CALLEE;
import static org.parley.sip.call.CallAction.Kind.CONFIRM_BYE_FROM_CALLER;
import static org.parley.sip.call.CallAction.Kind.DROP_BRANCH;
import static org.parley.sip.call.CallAction.Kind.FORWARD_ANSWER_TO_CALLER;
import static org.parley.sip.call.CallAction.Kind.INVITE_BRANCH;
import static org.parley.sip.call.CallAction.Kind.PLAY_RINGBACK;
import static org.parley.sip.call.CallAction.Kind.RECORD_ANSWER;
import static org.parley.sip.call.CallAction.Kind.RECORD_END;
import static org.parley.sip.call.CallAction.Kind.RECORD_RING;
import static org.parley.sip.call.CallAction.Kind.RECORD_START;
import static org.parley.sip.call.CallAction.Kind.REFUSE_REINVITE_FROM_CALLEE;
import static org.parley.sip.call.CallAction.Kind.REFUSE_REINVITE_FROM_CALLER;
import static org.parley.sip.call.CallAction.Kind.RELEASE_MEDIA;
import static org.parley.sip.call.CallAction.Kind.RESOLVE_CALLEE;
import static org.parley.sip.call.CallAction.Kind.SEND_BYE_TO_CALLEE;
import static org.parley.sip.call.CallAction.Kind.SEND_BYE_TO_CALLER;
import static org.parley.sip.call.CallAction.Kind.SEND_FINAL_TO_CALLER;
import static org.parley.sip.call.CallAction.Kind.SEND_PROVISIONAL_TO_CALLER;
import static org.parley.sip.call.CallAction.Kind.START_NO_ANSWER_TIMER;
import static org.parley.sip.call.CallAction.Kind.STOP_RINGBACK;
import static org.parley.sip.call.CallEvent.Kind.BRANCH_ANSWERED;
import static org.parley.sip.call.CallEvent.Kind.BRANCH_FAILED;
import static org.parley.sip.call.CallEvent.Kind.BRANCH_PROGRESS;
import static org.parley.sip.call.CallEvent.Kind.BRANCH_RINGING;
import static org.parley.sip.call.CallEvent.Kind.BRANCH_TRYING;
import static org.parley.sip.call.CallEvent.Kind.CALLEE_ACK;
import static org.parley.sip.call.CallEvent.Kind.CALLEE_BYE;
import static org.parley.sip.call.CallEvent.Kind.CALLEE_HOLD;
import static org.parley.sip.call.CallEvent.Kind.CALLEE_LOCATED;
import static org.parley.sip.call.CallEvent.Kind.CALLEE_NOT_REGISTERED;
import static org.parley.sip.call.CallEvent.Kind.CALLEE_RESUME;
import static org.parley.sip.call.CallEvent.Kind.CALLEE_UNKNOWN;
import static org.parley.sip.call.CallEvent.Kind.CALLER_ACK;
import static org.parley.sip.call.CallEvent.Kind.CALLER_ACK_TIMEOUT;
import static org.parley.sip.call.CallEvent.Kind.CALLER_ACK_WITHOUT_ANSWER;
import static org.parley.sip.call.CallEvent.Kind.CALLEE_REINVITE_NOT_ACCEPTABLE;
import static org.parley.sip.call.CallEvent.Kind.CALLER_REINVITE_NOT_ACCEPTABLE;
import static org.parley.sip.call.CallEvent.Kind.CALLEE_REINVITE_GLARE;
import static org.parley.sip.call.CallEvent.Kind.CALLER_REINVITE_GLARE;
import static org.parley.sip.call.CallEvent.Kind.CANCEL_UNANSWERED;
import static org.parley.sip.call.CallEvent.Kind.CALLER_BYE;
import static org.parley.sip.call.CallEvent.Kind.CALLER_CANCEL;
import static org.parley.sip.call.CallEvent.Kind.CALLER_HOLD;
import static org.parley.sip.call.CallEvent.Kind.CALLER_RESUME;
import static org.parley.sip.call.CallEvent.Kind.CANCELLED_BRANCH_PROCEEDING;
import static org.parley.sip.call.CallEvent.Kind.GLOBAL_FAILURE;
import static org.parley.sip.call.CallEvent.Kind.INVITE;
import static org.parley.sip.call.CallEvent.Kind.LAST_BRANCH_FAILED;
import static org.parley.sip.call.CallEvent.Kind.LATE_ANSWER;
import static org.parley.sip.call.CallEvent.Kind.MEDIA_FAILED;
import static org.parley.sip.call.CallEvent.Kind.MEDIA_READY;
import static org.parley.sip.call.CallEvent.Kind.NO_ANSWER_TIMEOUT;
import static org.parley.sip.call.CallEvent.Kind.RESPONSE_RETRANSMITTED;
import static org.parley.sip.call.CallEvent.Kind.STRAY_CALLEE_BYE;
import static org.parley.sip.call.CallState.ANCHORING;
import static org.parley.sip.call.CallState.CALLING;
import static org.parley.sip.call.CallState.CONNECTED;
import static org.parley.sip.call.CallState.CONNECTING;
import static org.parley.sip.call.CallState.EARLY_MEDIA;
import static org.parley.sip.call.CallState.ENDED;
import static org.parley.sip.call.CallState.ENDING;
import static org.parley.sip.call.CallState.HELD_BY_BOTH;
import static org.parley.sip.call.CallState.HELD_BY_CALLEE;
import static org.parley.sip.call.CallState.HELD_BY_CALLER;
import static org.parley.sip.call.CallState.IDLE;
import static org.parley.sip.call.CallState.RINGING;
import static org.parley.sip.call.CallState.ROUTING;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.parley.media.control.MediaDirection;

/**
 * The lifecycle of a call between extensions as a whitelist: {@code (state, event kind) → (new state, actions)},
 * with the events that are expected but change nothing listed as ignored, each with its reason. Any other pair is
 * illegal and throws {@link IllegalCallTransitionException} naming both.
 *
 * <p>How the call SBB uses it: keep a {@link CallProgress} in one CMP field, starting from
 * {@link CallProgress#idle()}; for every SIP message, media result, timer or lookup answer build the
 * {@link CallEvent}, call {@link #fire}, store {@link CallStep#progress()} and carry out {@link CallStep#actions()}
 * one at a time, in order. Lookups and media setup answer later with their own events. An action that fails (the
 * callee's SDP answer is refused, an endpoint is gone) is reported as a {@link CallEvent.MediaFailed} fed after the
 * rest of the list has been carried out, so the machine's view — every listed action was done — stays true.
 *
 * <p>Media is anchored: the caller talks to one media server endpoint, every branch is offered the other, and the
 * two are bridged when a branch answers. Ringback is the caller's own on 180, the media server's on 183. Re-INVITEs
 * are answered by the endpoint of the leg that sent them; the other leg is not re-INVITEd, since its RTP goes to
 * the media server either way and what the holder sends (music or nothing) reaches the held party through the
 * bridge. A re-INVITE whose offer the endpoint cannot answer is refused (488, or as any re-INVITE in that state) and
 * leaves the call as it was. A re-INVITE without SDP is answered with an offer whose answer comes in the leg's ACK;
 * until that ACK, another re-INVITE from the same leg crosses our offer and gets 491 (RFC 3261 §14.2). The SBB feeds
 * a re-INVITE that overtook its leg's ACK only after that ACK, or after acknowledging for it once a short wait is
 * over, so in practice these 491 rows answer the callee while the caller's 200 waits for its ACK.
 *
 * <p>A delayed-offer INVITE (no SDP, RFC 3261 §13.2.1) runs through the same rows: the caller's endpoint offers in our
 * 200 and the caller's ACK must bring the answer, else the call is hung up on both legs. Such a caller cannot take
 * early media (our offer must go in a reliable response, and a 183 is not one without RFC 3262), so a branch's
 * progress reads as ringing and the caller plays its own ringback.
 */
public final class CallStateMachine {

    private static final Set<CallState> ALERTING = EnumSet.of(CALLING, RINGING, EARLY_MEDIA);
    private static final Set<CallState> TALKING = EnumSet.of(CONNECTED, HELD_BY_CALLER, HELD_BY_CALLEE, HELD_BY_BOTH);
    private static final Set<CallState> ANSWERED = union(EnumSet.of(CONNECTING), TALKING);
    private static final Set<CallState> AFTER_ANSWER = union(ANSWERED, EnumSet.of(ENDING));
    private static final Set<CallState> FORKED = union(ALERTING, AFTER_ANSWER, EnumSet.of(ENDED));

    /** RFC 3261 §14.2: the other INVITE is still in progress, retry after a random 2.1–4 s. */
    private static final int REQUEST_PENDING = 491;
    /** RFC 3261 §12.2.2: the dialog is gone. */
    private static final int CALL_DOES_NOT_EXIST = 481;
    /** RFC 3261 §21.4.26: the offer shares nothing with what the endpoint can do; the session stays as it was. */
    private static final int NOT_ACCEPTABLE_HERE = 488;
    private static final int OK = 200;

    private static final Map<CallState, Map<CallEvent.Kind, CallTransition>> TABLE = new EnumMap<>(CallState.class);

    static {
        allow(IDLE, INVITE, ROUTING, act(RECORD_START), act(RESOLVE_CALLEE));
        ignore(EnumSet.complementOf(EnumSet.of(IDLE)), INVITE,
                "a retransmitted INVITE: its server transaction answers it (RFC 3261 §17.2.1)");

        allow(ROUTING, CALLEE_UNKNOWN, ENDED, act(SEND_FINAL_TO_CALLER), act(RECORD_END));
        allow(ROUTING, CALLEE_NOT_REGISTERED, ENDED, act(SEND_FINAL_TO_CALLER), act(RECORD_END));
        allow(ROUTING, CALLEE_LOCATED, ANCHORING, act(ANCHOR_MEDIA));
        allow(ROUTING, CALLER_CANCEL, ENDED, act(ACCEPT_CANCEL), act(SEND_FINAL_TO_CALLER), act(RECORD_END));
        ignore(EnumSet.of(ENDED), CALLEE_UNKNOWN, "the caller gave up while the lookup ran");
        ignore(EnumSet.of(ENDED), CALLEE_NOT_REGISTERED, "the caller gave up while the lookup ran");
        ignore(EnumSet.of(ENDED), CALLEE_LOCATED, "the caller gave up while the lookup ran: nobody is invited");

        allow(ANCHORING, MEDIA_READY, CALLING, act(INVITE_BRANCH), act(START_NO_ANSWER_TIMER));
        allow(ANCHORING, MEDIA_FAILED, ENDED, act(RELEASE_MEDIA), act(SEND_FINAL_TO_CALLER), act(RECORD_END));
        allow(ANCHORING, CALLER_CANCEL, ENDED, act(ACCEPT_CANCEL), act(RELEASE_MEDIA), act(SEND_FINAL_TO_CALLER),
                act(RECORD_END));
        // The endpoints opened after the caller cancelled: close them.
        stay(EnumSet.of(ENDED), MEDIA_READY, act(RELEASE_MEDIA));

        ignore(FORKED, BRANCH_TRYING, "100 Trying only stops the INVITE's retransmissions");
        allow(CALLING, BRANCH_RINGING, RINGING, act(SEND_PROVISIONAL_TO_CALLER, 180), act(RECORD_RING));
        ignore(EnumSet.of(RINGING, EARLY_MEDIA), BRANCH_RINGING, "the caller already hears ringback");
        // RFC 3960: once the caller has our SDP in a 183 it renders early media, so Parley plays the ringback.
        allow(CALLING, BRANCH_PROGRESS, EARLY_MEDIA, act(SEND_PROVISIONAL_TO_CALLER, 183), act(PLAY_RINGBACK),
                act(RECORD_RING));
        allow(RINGING, BRANCH_PROGRESS, EARLY_MEDIA, act(SEND_PROVISIONAL_TO_CALLER, 183), act(PLAY_RINGBACK));
        ignore(EnumSet.of(EARLY_MEDIA), BRANCH_PROGRESS, "the caller already hears ringback");
        ignore(union(AFTER_ANSWER, EnumSet.of(ENDED)), BRANCH_RINGING, "a branch being cancelled may still ring");
        ignore(union(AFTER_ANSWER, EnumSet.of(ENDED)), BRANCH_PROGRESS, "a branch being cancelled may still ring");
        stay(union(AFTER_ANSWER, EnumSet.of(ENDED)), CANCELLED_BRANCH_PROCEEDING, act(CANCEL_BRANCH));
        // RFC 3261 §9.1: 64*T1 after our CANCEL without a final response, the INVITE counts as cancelled.
        stay(union(AFTER_ANSWER, EnumSet.of(ENDED)), CANCEL_UNANSWERED, act(DROP_BRANCH));

        allow(EnumSet.of(CALLING, RINGING), BRANCH_ANSWERED, CONNECTING, act(CANCEL_NO_ANSWER_TIMER),
                act(ACK_BRANCH), act(CANCEL_BRANCH), act(BRIDGE_MEDIA), act(FORWARD_ANSWER_TO_CALLER),
                act(RECORD_ANSWER));
        allow(EARLY_MEDIA, BRANCH_ANSWERED, CONNECTING, act(CANCEL_NO_ANSWER_TIMER), act(ACK_BRANCH),
                act(CANCEL_BRANCH), act(STOP_RINGBACK), act(BRIDGE_MEDIA), act(FORWARD_ANSWER_TO_CALLER),
                act(RECORD_ANSWER));
        // A 2xx that crossed our CANCEL: the INVITE succeeded there after all, so its dialog must be ended.
        stay(EnumSet.of(ENDED), BRANCH_ANSWERED, act(ACK_AND_BYE_LATE_BRANCH));
        stay(union(AFTER_ANSWER, EnumSet.of(ENDED)), LATE_ANSWER, act(ACK_AND_BYE_LATE_BRANCH));
        ignore(FORKED, RESPONSE_RETRANSMITTED, "the branch already has its final response");

        stay(ALERTING, BRANCH_FAILED);
        ignore(union(AFTER_ANSWER, EnumSet.of(ENDED)), BRANCH_FAILED,
                "a branch that lost or was cancelled ends only its own transaction");
        allow(ALERTING, LAST_BRANCH_FAILED, ENDED, act(CANCEL_NO_ANSWER_TIMER), act(RELEASE_MEDIA),
                act(SEND_FINAL_TO_CALLER), act(RECORD_END));
        ignore(EnumSet.of(ENDED), LAST_BRANCH_FAILED, "the call ended before its last branch did");
        allow(ALERTING, GLOBAL_FAILURE, ENDED, act(CANCEL_NO_ANSWER_TIMER), act(CANCEL_BRANCH), act(RELEASE_MEDIA),
                act(SEND_FINAL_TO_CALLER), act(RECORD_END));
        ignore(EnumSet.of(ENDED), GLOBAL_FAILURE, "the call ended before this branch did");

        allow(ALERTING, NO_ANSWER_TIMEOUT, ENDED, act(CANCEL_BRANCH), act(RELEASE_MEDIA), act(SEND_FINAL_TO_CALLER),
                act(RECORD_END));
        ignore(union(AFTER_ANSWER, EnumSet.of(ENDED)), NO_ANSWER_TIMEOUT, "the timer was cancelled as it fired");

        allow(ALERTING, CALLER_CANCEL, ENDED, act(ACCEPT_CANCEL), act(CANCEL_NO_ANSWER_TIMER), act(CANCEL_BRANCH),
                act(RELEASE_MEDIA), act(SEND_FINAL_TO_CALLER), act(RECORD_END));
        // RFC 3261 §9.2: once the INVITE has its final response a CANCEL changes nothing, but is still answered.
        stay(union(AFTER_ANSWER, EnumSet.of(ENDED)), CALLER_CANCEL, act(ACCEPT_CANCEL));
        // RFC 3261 §15: the caller may end the early dialog our 18x made; §15.1.2 recommends 487 for the INVITE.
        allow(EnumSet.of(RINGING, EARLY_MEDIA), CALLER_BYE, ENDED, act(CONFIRM_BYE_FROM_CALLER),
                act(CANCEL_NO_ANSWER_TIMER), act(CANCEL_BRANCH), act(RELEASE_MEDIA), act(SEND_FINAL_TO_CALLER),
                act(RECORD_END));

        allow(ALERTING, MEDIA_FAILED, ENDED, act(CANCEL_NO_ANSWER_TIMER), act(CANCEL_BRANCH), act(RELEASE_MEDIA),
                act(SEND_FINAL_TO_CALLER), act(RECORD_END));
        // The caller's dialog is not confirmed until its ACK, so its BYE waits (RFC 3261 §15).
        allow(CONNECTING, MEDIA_FAILED, ENDING, act(SEND_BYE_TO_CALLEE), act(RELEASE_MEDIA), act(RECORD_END));
        allow(TALKING, MEDIA_FAILED, ENDED, act(SEND_BYE_TO_CALLER), act(SEND_BYE_TO_CALLEE), act(RELEASE_MEDIA),
                act(RECORD_END));
        ignore(EnumSet.of(ENDING, ENDED), MEDIA_FAILED, "the media is released already");

        allow(CONNECTING, CALLER_ACK, CONNECTED);
        // RFC 3261 §13.2.1: the ACK had to answer our offer; without an answer the caller's leg has no media.
        allow(CONNECTING, CALLER_ACK_WITHOUT_ANSWER, ENDED, act(SEND_BYE_TO_CALLEE), act(SEND_BYE_TO_CALLER),
                act(RELEASE_MEDIA), act(RECORD_END));
        ignore(TALKING, CALLER_ACK, "the ACK of a re-INVITE's answer, or a retransmitted ACK");
        allow(ENDING, CALLER_ACK, ENDED, act(SEND_BYE_TO_CALLER));
        ignore(EnumSet.of(ENDED), CALLER_ACK, "the call is over; an ACK needs no answer");
        ignore(union(TALKING, EnumSet.of(ENDED)), CALLEE_ACK, "the ACK of our answer to the callee's re-INVITE");
        // RFC 3261 §13.3.1.4: a 2xx never acknowledged confirms the dialog, but the session should end with BYE.
        allow(CONNECTING, CALLER_ACK_TIMEOUT, ENDED, act(SEND_BYE_TO_CALLEE), act(SEND_BYE_TO_CALLER),
                act(RELEASE_MEDIA), act(RECORD_END));
        allow(ENDING, CALLER_ACK_TIMEOUT, ENDED, act(SEND_BYE_TO_CALLER));
        ignore(union(TALKING, EnumSet.of(ENDED)), CALLER_ACK_TIMEOUT,
                "a re-INVITE's answer went unacknowledged; the call itself is confirmed");

        allow(ANSWERED, CALLER_BYE, ENDED, act(CONFIRM_BYE_FROM_CALLER), act(SEND_BYE_TO_CALLEE), act(RELEASE_MEDIA),
                act(RECORD_END));
        allow(ENDING, CALLER_BYE, ENDED, act(CONFIRM_BYE_FROM_CALLER));
        stay(EnumSet.of(ENDED), CALLER_BYE, act(CONFIRM_BYE_FROM_CALLER));
        allow(CONNECTING, CALLEE_BYE, ENDING, act(CONFIRM_BYE_FROM_CALLEE), act(RELEASE_MEDIA), act(RECORD_END));
        allow(TALKING, CALLEE_BYE, ENDED, act(CONFIRM_BYE_FROM_CALLEE), act(SEND_BYE_TO_CALLER), act(RELEASE_MEDIA),
                act(RECORD_END));
        stay(EnumSet.of(ENDING, ENDED), CALLEE_BYE, act(CONFIRM_BYE_FROM_CALLEE));
        stay(union(AFTER_ANSWER, EnumSet.of(ENDED)), STRAY_CALLEE_BYE, act(CONFIRM_BYE_FROM_CALLEE));

        hold(CONNECTED, HELD_BY_CALLER, CONNECTED, HELD_BY_CALLEE, CONNECTED);
        hold(HELD_BY_CALLER, HELD_BY_CALLER, CONNECTED, HELD_BY_BOTH, HELD_BY_CALLER);
        hold(HELD_BY_CALLEE, HELD_BY_BOTH, HELD_BY_CALLEE, HELD_BY_CALLEE, CONNECTED);
        hold(HELD_BY_BOTH, HELD_BY_BOTH, HELD_BY_CALLEE, HELD_BY_BOTH, HELD_BY_CALLER);
        // A refused re-INVITE changes nothing: the call keeps its state, hold or not (RFC 3261 §14.2).
        stay(TALKING, CALLER_REINVITE_NOT_ACCEPTABLE, act(REFUSE_REINVITE_FROM_CALLER, NOT_ACCEPTABLE_HERE));
        stay(TALKING, CALLEE_REINVITE_NOT_ACCEPTABLE, act(REFUSE_REINVITE_FROM_CALLEE, NOT_ACCEPTABLE_HERE));
        for (CallEvent.Kind caller : List.of(CALLER_HOLD, CALLER_RESUME, CALLER_REINVITE_NOT_ACCEPTABLE)) {
            stay(EnumSet.of(CONNECTING), caller, act(REFUSE_REINVITE_FROM_CALLER, REQUEST_PENDING));
            stay(EnumSet.of(ENDING, ENDED), caller, act(REFUSE_REINVITE_FROM_CALLER, CALL_DOES_NOT_EXIST));
        }
        for (CallEvent.Kind callee : List.of(CALLEE_HOLD, CALLEE_RESUME, CALLEE_REINVITE_NOT_ACCEPTABLE)) {
            stay(EnumSet.of(CONNECTING), callee, act(REFUSE_REINVITE_FROM_CALLEE, REQUEST_PENDING));
            stay(EnumSet.of(ENDING, ENDED), callee, act(REFUSE_REINVITE_FROM_CALLEE, CALL_DOES_NOT_EXIST));
        }
        // RFC 3261 §14.2: our offer (in the 200 to an offerless re-INVITE) waits for its ACK; a new offer crosses it.
        stay(TALKING, CALLER_REINVITE_GLARE, act(REFUSE_REINVITE_FROM_CALLER, REQUEST_PENDING));
        stay(TALKING, CALLEE_REINVITE_GLARE, act(REFUSE_REINVITE_FROM_CALLEE, REQUEST_PENDING));
        stay(EnumSet.of(ENDING, ENDED), CALLER_REINVITE_GLARE, act(REFUSE_REINVITE_FROM_CALLER, CALL_DOES_NOT_EXIST));
        stay(EnumSet.of(ENDING, ENDED), CALLEE_REINVITE_GLARE, act(REFUSE_REINVITE_FROM_CALLEE, CALL_DOES_NOT_EXIST));
    }

    private final Clock clock;
    private final FinalResponsePolicy policy;

    /**
     * @param clock  stamps the call record
     * @param policy chooses the caller's final response when the call is not answered
     */
    public CallStateMachine(Clock clock, FinalResponsePolicy policy) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The table's row for this pair, if the pair is allowed or ignored. */
    public Optional<CallTransition> lookup(CallState state, CallEvent.Kind event) {
        return Optional.ofNullable(TABLE.getOrDefault(state, Map.of()).get(event));
    }

    /** The table's row for this pair, or an {@link IllegalCallTransitionException} naming both. */
    public CallTransition transition(CallState state, CallEvent.Kind event) {
        return lookup(state, event).orElseThrow(() -> new IllegalCallTransitionException(state, event));
    }

    /**
     * Applies one event to a call: reads it as a {@link CallEvent.Kind}, follows the table, stamps the record and
     * fills in the actions' branches and codes.
     *
     * @throws IllegalCallTransitionException if the table does not allow the event in the call's state
     * @throws IllegalArgumentException       if the event names a branch the call did not fork to
     */
    public CallStep fire(CallProgress progress, CallEvent event) {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(event, "event");
        CallEvent.Kind kind = classify(progress, event);
        CallTransition row = transition(progress.state(), kind);
        ForkSet forks = progress.forks();
        if (event instanceof CallEvent.BranchResponse response) {
            forks = forks.respond(response.branch(), response.status());
        } else if (event instanceof CallEvent.CancelUnanswered unanswered) {
            // The branch's INVITE counts as cancelled: as if its 487 had come.
            forks = forks.respond(unanswered.branch(), FinalResponsePolicy.REQUEST_TERMINATED);
        }
        // An ACK brings the answer to an offer of ours that waited for it (or ends the wait, timed out).
        boolean callerAnswerDue = progress.callerAnswerDue() && kind != CALLER_ACK && kind != CALLER_ACK_TIMEOUT;
        boolean calleeAnswerDue = progress.calleeAnswerDue() && kind != CALLEE_ACK;
        if (row.isIgnored()) {
            return new CallStep(new CallProgress(progress.state(), forks, progress.record(), progress.delayedOffer(),
                    callerAnswerDue, calleeAnswerDue), kind, List.of(), row.ignoredBecause());
        }
        if (event instanceof CallEvent.CalleeLocated located) {
            forks = ForkSet.of(located.targets());
        }
        boolean delayedOffer = event instanceof CallEvent.Invite invite ? !invite.withOffer() : progress.delayedOffer();
        Execution execution = new Execution(progress.record(), forks, event, kind, clock.instant());
        row.actions().forEach(execution::carryOut);
        // Our 200 to a re-INVITE without SDP carries an offer; the leg's ACK must bring the answer (RFC 3264 §4).
        if (row.actions().stream().anyMatch(a -> a.kind() == ANSWER_REINVITE_FROM_CALLER)) {
            callerAnswerDue = ((CallEvent.CallerReInvite) event).offered().isEmpty();
        }
        if (row.actions().stream().anyMatch(a -> a.kind() == ANSWER_REINVITE_FROM_CALLEE)) {
            calleeAnswerDue = ((CallEvent.CalleeReInvite) event).offered().isEmpty();
        }
        CallProgress next = new CallProgress(row.target(), execution.forks, execution.record, delayedOffer,
                callerAnswerDue, calleeAnswerDue);
        return new CallStep(next, kind, execution.actions, Optional.empty());
    }

    /** Reads an event in the light of the fork: which answer is first, which failure is the last, … */
    private static CallEvent.Kind classify(CallProgress progress, CallEvent event) {
        if (event instanceof CallEvent.Invite) {
            return INVITE;
        } else if (event instanceof CallEvent.CalleeUnknown) {
            return CALLEE_UNKNOWN;
        } else if (event instanceof CallEvent.CalleeNotRegistered) {
            return CALLEE_NOT_REGISTERED;
        } else if (event instanceof CallEvent.CalleeLocated) {
            return CALLEE_LOCATED;
        } else if (event instanceof CallEvent.MediaReady) {
            return MEDIA_READY;
        } else if (event instanceof CallEvent.MediaFailed) {
            return MEDIA_FAILED;
        } else if (event instanceof CallEvent.BranchResponse response) {
            return classifyResponse(progress, response);
        } else if (event instanceof CallEvent.NoAnswerTimeout) {
            return NO_ANSWER_TIMEOUT;
        } else if (event instanceof CallEvent.CallerCancel) {
            return CALLER_CANCEL;
        } else if (event instanceof CallEvent.CallerAck) {
            return CALLER_ACK;
        } else if (event instanceof CallEvent.CallerAckWithoutAnswer) {
            return CALLER_ACK_WITHOUT_ANSWER;
        } else if (event instanceof CallEvent.CancelUnanswered unanswered) {
            requireBranch(progress.forks(), unanswered.branch());
            return CANCEL_UNANSWERED;
        } else if (event instanceof CallEvent.CalleeAck) {
            return CALLEE_ACK;
        } else if (event instanceof CallEvent.CallerAckTimeout) {
            return CALLER_ACK_TIMEOUT;
        } else if (event instanceof CallEvent.CallerBye) {
            return CALLER_BYE;
        } else if (event instanceof CallEvent.CalleeBye bye) {
            requireBranch(progress.forks(), bye.branch());
            return progress.forks().winner().filter(bye.branch()::equals).isPresent() ? CALLEE_BYE : STRAY_CALLEE_BYE;
        } else if (event instanceof CallEvent.CallerReInvite reInvite) {
            if (progress.callerAnswerDue()) {
                return CALLER_REINVITE_GLARE;
            }
            if (!reInvite.acceptable()) {
                return CALLER_REINVITE_NOT_ACCEPTABLE;
            }
            boolean holding = progress.state() == HELD_BY_CALLER || progress.state() == HELD_BY_BOTH;
            return holds(reInvite.offered(), holding) ? CALLER_HOLD : CALLER_RESUME;
        } else if (event instanceof CallEvent.CalleeReInvite reInvite) {
            if (progress.calleeAnswerDue()) {
                return CALLEE_REINVITE_GLARE;
            }
            if (!reInvite.acceptable()) {
                return CALLEE_REINVITE_NOT_ACCEPTABLE;
            }
            boolean holding = progress.state() == HELD_BY_CALLEE || progress.state() == HELD_BY_BOTH;
            return holds(reInvite.offered(), holding) ? CALLEE_HOLD : CALLEE_RESUME;
        }
        throw new IllegalArgumentException("unknown call event " + event);
    }

    private static CallEvent.Kind classifyResponse(CallProgress progress, CallEvent.BranchResponse response) {
        ForkSet forks = progress.forks();
        ForkSet.Branch branch = requireBranch(forks, response.branch());
        int status = response.status();
        if (status < 200) {
            if (branch.cancel() == ForkSet.Cancel.DEFERRED && !branch.isFinal()) {
                return CANCELLED_BRANCH_PROCEEDING;
            }
            if (status == 100) {
                return BRANCH_TRYING;
            }
            // A delayed-offer caller has no answer of ours to render early media with: it hears its own ringback.
            return status == 180 || progress.delayedOffer() ? BRANCH_RINGING : BRANCH_PROGRESS;
        }
        if (branch.isFinal()) {
            return RESPONSE_RETRANSMITTED;
        }
        if (status < 300) {
            return forks.winner().isEmpty() ? BRANCH_ANSWERED : LATE_ANSWER;
        }
        if (forks.winner().isPresent()) {
            return BRANCH_FAILED;
        }
        if (status >= 600) {
            return GLOBAL_FAILURE;
        }
        return forks.othersUnfinished(branch.id()) ? BRANCH_FAILED : LAST_BRANCH_FAILED;
    }

    /** An offer without SDP keeps whatever the sender was doing. */
    private static boolean holds(Optional<MediaDirection> offered, boolean holdingNow) {
        return offered.map(SdpDirection::holds).orElse(holdingNow);
    }

    private static ForkSet.Branch requireBranch(ForkSet forks, String id) {
        return forks.branch(id).orElseThrow(() -> new IllegalArgumentException("no branch " + id + " in this call"));
    }

    /** Carries one row out for one call: fills in the templates and stamps the record. */
    private final class Execution {

        private Optional<CallRecord> record;
        private ForkSet forks;
        private final CallEvent event;
        private final CallEvent.Kind kind;
        private final Instant now;
        private final List<CallAction> actions = new ArrayList<>();

        Execution(Optional<CallRecord> record, ForkSet forks, CallEvent event, CallEvent.Kind kind, Instant now) {
            this.record = record;
            this.forks = forks;
            this.event = event;
            this.kind = kind;
            this.now = now;
        }

        void carryOut(CallAction template) {
            CallAction.Kind action = template.kind();
            switch (action) {
                case INVITE_BRANCH -> {
                    forks = forks.send();
                    forks.branches().forEach(b -> actions.add(CallAction.of(action, b.id())));
                }
                case CANCEL_BRANCH -> {
                    ForkSet.Cancellation cancellation = forks.cancelUnfinished();
                    forks = cancellation.forks();
                    cancellation.cancelNow().forEach(id -> actions.add(CallAction.of(action, id)));
                }
                case ACK_BRANCH -> {
                    String branch = respondingBranch();
                    forks = forks.win(branch);
                    actions.add(CallAction.of(action, branch));
                }
                case ACK_AND_BYE_LATE_BRANCH -> actions.add(CallAction.of(action, respondingBranch()));
                case DROP_BRANCH -> actions.add(CallAction.of(action, ((CallEvent.CancelUnanswered) event).branch()));
                case SEND_BYE_TO_CALLEE -> actions.add(CallAction.of(action, forks.winner().orElseThrow(
                        () -> new IllegalStateException("no branch won, so there is no callee dialog to end"))));
                case SEND_FINAL_TO_CALLER -> actions.add(CallAction.of(action, finalCode()));
                case RECORD_START -> {
                    CallEvent.Invite invite = (CallEvent.Invite) event;
                    record = Optional.of(CallRecord.started(invite.caller(), invite.callee(), now));
                    actions.add(template);
                }
                case RECORD_RING -> {
                    record = Optional.of(record().rang(now));
                    actions.add(template);
                }
                case RECORD_ANSWER -> {
                    record = Optional.of(record().answered(now));
                    actions.add(template);
                }
                case RECORD_END -> {
                    record = Optional.of(ended(record()));
                    actions.add(template);
                }
                default -> actions.add(template);
            }
        }

        private CallRecord ended(CallRecord current) {
            HangupSide side = hangupSide(kind);
            Optional<MediaFailure> failure = mediaFailure();
            if (current.answer().isPresent()) {
                return current.ended(now, policy.dispositionOfAnswered(failure), side, OK, failure);
            }
            int code = finalCode();
            return current.ended(now, policy.dispositionOf(code), side, code, failure);
        }

        private Optional<MediaFailure> mediaFailure() {
            if (event instanceof CallEvent.MediaFailed failed) {
                return Optional.of(failed.failure());
            } else if (event instanceof CallEvent.CallerAckWithoutAnswer ack) {
                return Optional.of(ack.failure());
            }
            return Optional.empty();
        }

        /** The non-2xx final response this event gives the caller. */
        private int finalCode() {
            return switch (kind) {
                case CALLEE_UNKNOWN -> policy.unknownCallee();
                case CALLEE_NOT_REGISTERED -> policy.calleeNotRegistered();
                case CALLER_CANCEL, CALLER_BYE -> policy.cancelled();
                case NO_ANSWER_TIMEOUT -> policy.noAnswer();
                case LAST_BRANCH_FAILED, GLOBAL_FAILURE -> policy.forCaller(forks);
                case MEDIA_FAILED -> policy.forMediaFailure(((CallEvent.MediaFailed) event).failure());
                default -> throw new IllegalStateException(kind + " decides no final response");
            };
        }

        private String respondingBranch() {
            return ((CallEvent.BranchResponse) event).branch();
        }

        private CallRecord record() {
            return record.orElseThrow(() -> new IllegalStateException("the call has no record before its INVITE"));
        }
    }

    /** Who ended the call, by the event that ended it. */
    private static HangupSide hangupSide(CallEvent.Kind kind) {
        return switch (kind) {
            case CALLER_CANCEL, CALLER_BYE -> HangupSide.CALLER;
            case CALLEE_BYE, LAST_BRANCH_FAILED, GLOBAL_FAILURE -> HangupSide.CALLEE;
            default -> HangupSide.SYSTEM;
        };
    }

    /**
     * The four re-INVITE rows of a talking state: where each side's hold and resume lead. Each is answered by the
     * endpoint of the leg that sent it.
     */
    private static void hold(CallState from, CallState callerHolds, CallState callerResumes, CallState calleeHolds,
                             CallState calleeResumes) {
        allow(from, CALLER_HOLD, callerHolds, act(ANSWER_REINVITE_FROM_CALLER));
        allow(from, CALLER_RESUME, callerResumes, act(ANSWER_REINVITE_FROM_CALLER));
        allow(from, CALLEE_HOLD, calleeHolds, act(ANSWER_REINVITE_FROM_CALLEE));
        allow(from, CALLEE_RESUME, calleeResumes, act(ANSWER_REINVITE_FROM_CALLEE));
    }

    private static CallAction act(CallAction.Kind kind) {
        return CallAction.of(kind);
    }

    private static CallAction act(CallAction.Kind kind, int code) {
        return CallAction.of(kind, code);
    }

    private static void allow(CallState from, CallEvent.Kind event, CallState target, CallAction... actions) {
        put(from, event, CallTransition.to(target, actions));
    }

    private static void allow(Set<CallState> from, CallEvent.Kind event, CallState target, CallAction... actions) {
        from.forEach(state -> allow(state, event, target, actions));
    }

    private static void stay(Set<CallState> states, CallEvent.Kind event, CallAction... actions) {
        states.forEach(state -> allow(state, event, state, actions));
    }

    private static void ignore(Set<CallState> states, CallEvent.Kind event, String reason) {
        states.forEach(state -> put(state, event, CallTransition.ignored(state, reason)));
    }

    private static void put(CallState from, CallEvent.Kind event, CallTransition transition) {
        CallTransition previous = TABLE.computeIfAbsent(from, s -> new EnumMap<>(CallEvent.Kind.class))
                .put(event, transition);
        if (previous != null) {
            throw new IllegalStateException("duplicate row " + from + " × " + event);
        }
    }

    @SafeVarargs
    private static Set<CallState> union(Set<CallState>... sets) {
        Set<CallState> all = EnumSet.noneOf(CallState.class);
        for (Set<CallState> set : sets) {
            all.addAll(set);
        }
        return all;
    }
}
