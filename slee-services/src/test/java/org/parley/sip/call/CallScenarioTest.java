package org.parley.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.sip.call.CallScript.ALICE;
import static org.parley.sip.call.CallScript.BOB;
import static org.parley.sip.call.CallScript.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import org.parley.media.control.MediaDirection;
import org.parley.media.sdp.SdpParseException;

/** Whole calls, fed event by event as the SBB would: the actions asked for, and the call record each leaves. */
class CallScenarioTest {

    @Test
    void bobAnswersOnHisSecondPhoneAndAliceHangsUp() {
        CallScript call = new CallScript();

        call.invite();
        assertEquals(CallState.ROUTING, call.state());
        assertEquals(List.of("RECORD_START", "RESOLVE_CALLEE"), call.actions());
        assertEquals(CallRecord.started(ALICE, BOB, T0), call.record());

        call.locate("b1", "b2");
        assertEquals(List.of("ANCHOR_MEDIA"), call.actions());
        call.mediaReady();
        assertEquals(CallState.CALLING, call.state());
        assertEquals(List.of("INVITE_BRANCH(b1)", "INVITE_BRANCH(b2)", "START_NO_ANSWER_TIMER"), call.actions());

        assertTrue(call.respond("b1", 100).isIgnored());
        call.after(Duration.ofSeconds(1)).respond("b1", 180);
        assertEquals(CallState.RINGING, call.state());
        assertEquals(List.of("SEND_PROVISIONAL_TO_CALLER(180)", "RECORD_RING"), call.actions());
        assertTrue(call.after(Duration.ofSeconds(1)).respond("b2", 180).isIgnored(), "Alice hears ringing already");

        call.after(Duration.ofSeconds(4)).respond("b2", 200);
        assertEquals(CallState.CONNECTING, call.state());
        assertEquals(List.of("CANCEL_NO_ANSWER_TIMER", "ACK_BRANCH(b2)", "CANCEL_BRANCH(b1)", "BRIDGE_MEDIA",
                "FORWARD_ANSWER_TO_CALLER", "RECORD_ANSWER"), call.actions());
        assertEquals(Optional.of("b2"), call.progress().forks().winner());

        call.callerAck();
        assertEquals(CallState.CONNECTED, call.state());
        assertEquals(List.of(), call.actions());
        assertTrue(call.respond("b1", 487).isIgnored(), "the cancelled phone's 487 ends only its transaction");

        call.after(Duration.ofSeconds(60)).callerBye();
        assertEquals(CallState.ENDED, call.state());
        assertEquals(List.of("CONFIRM_BYE_FROM_CALLER", "SEND_BYE_TO_CALLEE(b2)", "RELEASE_MEDIA", "RECORD_END"),
                call.actions());
        assertTrue(call.progress().isSettled());

        CallRecord cdr = call.record();
        assertEquals(ALICE, cdr.caller());
        assertEquals(BOB, cdr.callee());
        assertEquals(T0, cdr.start());
        assertEquals(Optional.of(T0.plusSeconds(1)), cdr.ring());
        assertEquals(Optional.of(T0.plusSeconds(6)), cdr.answer());
        assertEquals(Optional.of(T0.plusSeconds(66)), cdr.end());
        assertEquals(Optional.of(Disposition.ANSWERED), cdr.disposition());
        assertEquals(Optional.of(HangupSide.CALLER), cdr.hangupSide());
        assertEquals(OptionalInt.of(200), cdr.finalCode());
        assertEquals(Optional.of(Duration.ofSeconds(60)), cdr.talkTime());
    }

    @Test
    void bobHangsUp() {
        CallScript call = CallScript.connected("b1");
        call.after(Duration.ofSeconds(30)).calleeBye("b1");
        assertEquals(CallState.ENDED, call.state());
        assertEquals(List.of("CONFIRM_BYE_FROM_CALLEE", "SEND_BYE_TO_CALLER", "RELEASE_MEDIA", "RECORD_END"),
                call.actions());
        assertEquals(Optional.of(HangupSide.CALLEE), call.record().hangupSide());
        assertEquals(Optional.of(Disposition.ANSWERED), call.record().disposition());
        assertEquals(Optional.of(T0.plusSeconds(30)), call.record().end());
    }

    @Test
    void aBusyPhoneGivesAliceBusy() {
        CallScript call = CallScript.ringing("b1");
        call.after(Duration.ofSeconds(3)).respond("b1", 486);
        assertEquals(CallState.ENDED, call.state());
        assertEquals(List.of("CANCEL_NO_ANSWER_TIMER", "RELEASE_MEDIA", "SEND_FINAL_TO_CALLER(486)", "RECORD_END"),
                call.actions());
        CallRecord cdr = call.record();
        assertEquals(Optional.of(T0), cdr.ring());
        assertEquals(Optional.empty(), cdr.answer());
        assertEquals(Optional.of(T0.plusSeconds(3)), cdr.end());
        assertEquals(Optional.of(Disposition.BUSY), cdr.disposition());
        assertEquals(Optional.of(HangupSide.CALLEE), cdr.hangupSide());
        assertEquals(OptionalInt.of(486), cdr.finalCode());
        assertTrue(call.progress().isSettled());
    }

    @Test
    void busyOnOnePhoneBeatsUnavailableOnTheOtherWhicheverComesFirst() {
        CallScript first = CallScript.calling("b1", "b2");
        assertEquals(CallState.CALLING, first.respond("b1", 480).progress().state(), "b2 still rings");
        assertEquals(List.of(), first.actions());
        first.respond("b2", 486);
        assertEquals(List.of("SEND_FINAL_TO_CALLER(486)"), first.actions().stream()
                .filter(a -> a.startsWith("SEND_FINAL")).toList());

        CallScript second = CallScript.calling("b1", "b2");
        second.respond("b1", 486);
        second.respond("b2", 480);
        assertEquals(OptionalInt.of(486), second.record().finalCode());
        assertEquals(Optional.of(Disposition.BUSY), second.record().disposition());
    }

    @Test
    void phonesThatTimeOutOrForgotBobReadAsUnavailableToAlice() {
        CallScript call = CallScript.calling("b1", "b2");
        call.respond("b1", 408);
        call.respond("b2", 404);
        assertEquals(OptionalInt.of(480), call.record().finalCode());
        assertEquals(Optional.of(Disposition.UNAVAILABLE), call.record().disposition());
        assertEquals(Optional.of(HangupSide.CALLEE), call.record().hangupSide());
    }

    @Test
    void aDeclineOnOnePhoneEndsTheForkAndCancelsTheOthers() {
        CallScript call = CallScript.ringing("b1", "b2", "b3");
        call.respond("b3", 183);
        call.respond("b2", 603);
        assertEquals(CallState.ENDED, call.state());
        assertEquals(List.of("CANCEL_NO_ANSWER_TIMER", "CANCEL_BRANCH(b1)", "CANCEL_BRANCH(b3)", "RELEASE_MEDIA",
                "SEND_FINAL_TO_CALLER(603)", "RECORD_END"), call.actions());
        assertEquals(Optional.of(Disposition.REJECTED), call.record().disposition());
        assertEquals(Optional.of(HangupSide.CALLEE), call.record().hangupSide());
        assertFalse(call.progress().isSettled(), "b1 and b3 still owe their 487");
        assertTrue(call.respond("b1", 487).isIgnored());
        assertTrue(call.respond("b3", 487).isIgnored());
        assertTrue(call.progress().isSettled());
    }

    @Test
    void anUnknownExtensionIsNotFoundAndOneWithoutPhonesIsUnavailable() {
        CallScript unknown = new CallScript();
        unknown.invite();
        unknown.after(Duration.ofMillis(20)).fire(new CallEvent.CalleeUnknown());
        assertEquals(List.of("SEND_FINAL_TO_CALLER(404)", "RECORD_END"), unknown.actions());
        assertEquals(new CallRecord(ALICE, BOB, T0, Optional.empty(), Optional.empty(),
                Optional.of(T0.plusMillis(20)), Optional.of(Disposition.NOT_FOUND), Optional.of(HangupSide.SYSTEM),
                OptionalInt.of(404)), unknown.record());

        CallScript unregistered = new CallScript();
        unregistered.invite();
        unregistered.fire(new CallEvent.CalleeNotRegistered());
        assertEquals(List.of("SEND_FINAL_TO_CALLER(480)", "RECORD_END"), unregistered.actions());
        assertEquals(Optional.of(Disposition.UNAVAILABLE), unregistered.record().disposition());
        assertEquals(Optional.of(HangupSide.SYSTEM), unregistered.record().hangupSide());
        assertTrue(unregistered.progress().isSettled());
    }

    @Test
    void noAnswerCancelsRingingPhonesAndDefersTheCancelOfSilentOnesUntilTheyProceed() {
        CallScript call = CallScript.ringing("b1", "b2");
        call.after(Duration.ofSeconds(30)).noAnswer();
        assertEquals(CallState.ENDED, call.state());
        assertEquals(List.of("CANCEL_BRANCH(b1)", "RELEASE_MEDIA", "SEND_FINAL_TO_CALLER(408)", "RECORD_END"),
                call.actions(), "RFC 3261 §9.1: no CANCEL for b2 before it sends a provisional");
        assertEquals(ForkSet.Cancel.DEFERRED, call.progress().forks().branch("b2").orElseThrow().cancel());

        CallStep proceeding = call.respond("b2", 100);
        assertEquals(CallEvent.Kind.CANCELLED_BRANCH_PROCEEDING, proceeding.kind());
        assertEquals(List.of("CANCEL_BRANCH(b2)"), call.actions());
        assertTrue(call.respond("b2", 180).isIgnored(), "its CANCEL is out");

        CallRecord cdr = call.record();
        assertEquals(Optional.of(Disposition.NO_ANSWER), cdr.disposition());
        assertEquals(Optional.of(HangupSide.SYSTEM), cdr.hangupSide());
        assertEquals(OptionalInt.of(408), cdr.finalCode());
        assertEquals(Optional.of(T0.plusSeconds(30)), cdr.end());
    }

    @Test
    void aliceCancelsWhileBobsPhonesRingAndAnAnswerThatCrossedTheCancelIsHungUp() {
        CallScript call = CallScript.ringing("b1", "b2");
        call.respond("b2", 180);
        call.after(Duration.ofSeconds(8)).callerCancel();
        assertEquals(CallState.ENDED, call.state());
        assertEquals(List.of("ACCEPT_CANCEL", "CANCEL_NO_ANSWER_TIMER", "CANCEL_BRANCH(b1)", "CANCEL_BRANCH(b2)",
                "RELEASE_MEDIA", "SEND_FINAL_TO_CALLER(487)", "RECORD_END"), call.actions());
        CallRecord cdr = call.record();
        assertEquals(Optional.of(Disposition.CANCELLED), cdr.disposition());
        assertEquals(Optional.of(HangupSide.CALLER), cdr.hangupSide());
        assertEquals(OptionalInt.of(487), cdr.finalCode());

        call.respond("b1", 487);
        call.respond("b2", 200);
        assertEquals(List.of("ACK_AND_BYE_LATE_BRANCH(b2)"), call.actions());
        assertEquals(cdr, call.record(), "the record stays as Alice saw the call");
        assertTrue(call.respond("b2", 200).isIgnored(), "a retransmitted 2xx is not hung up twice");
        assertTrue(call.progress().isSettled());
    }

    @Test
    void aCancelBeforeAnyProvisionalSendsNoCancelUntilOneArrives() {
        CallScript call = CallScript.calling("b1", "b2");
        call.callerCancel();
        assertEquals(List.of("ACCEPT_CANCEL", "CANCEL_NO_ANSWER_TIMER", "RELEASE_MEDIA", "SEND_FINAL_TO_CALLER(487)",
                "RECORD_END"), call.actions());
        call.respond("b1", 180);
        assertEquals(List.of("CANCEL_BRANCH(b1)"), call.actions());
        call.respond("b2", 408);
        assertTrue(call.respond("b1", 487).isIgnored());
        assertTrue(call.progress().isSettled());
        assertEquals(Optional.empty(), call.record().ring(), "Alice never heard it ring");
    }

    @Test
    void aLateSecondAnswerIsAcknowledgedAndHungUpWhileTheCallGoesOn() {
        CallScript call = CallScript.connected("b1", "b2");
        call.respond("b2", 200);
        assertEquals(CallState.CONNECTED, call.state());
        assertEquals(List.of("ACK_AND_BYE_LATE_BRANCH(b2)"), call.actions());
        assertTrue(call.respond("b1", 200).isIgnored(), "the winner's 2xx again");
        call.calleeBye("b2");
        assertEquals(CallState.CONNECTED, call.state(), "a BYE on the late branch's dialog ends only that dialog");
        assertEquals(List.of("CONFIRM_BYE_FROM_CALLEE"), call.actions());
    }

    @Test
    void progressOnAPhoneGivesEarlyMediaRingbackFromTheMediaServer() {
        CallScript call = CallScript.ringing("b1", "b2");
        call.after(Duration.ofSeconds(2)).respond("b2", 183);
        assertEquals(CallState.EARLY_MEDIA, call.state());
        assertEquals(List.of("SEND_PROVISIONAL_TO_CALLER(183)", "PLAY_RINGBACK"), call.actions());
        assertEquals(Optional.of(T0), call.record().ring(), "the first ring counts");

        call.respond("b2", 200);
        assertEquals(List.of("CANCEL_NO_ANSWER_TIMER", "ACK_BRANCH(b2)", "CANCEL_BRANCH(b1)", "STOP_RINGBACK",
                "BRIDGE_MEDIA", "FORWARD_ANSWER_TO_CALLER", "RECORD_ANSWER"), call.actions());

        CallScript straightTo183 = CallScript.calling("b1");
        straightTo183.respond("b1", 183);
        assertEquals(List.of("SEND_PROVISIONAL_TO_CALLER(183)", "PLAY_RINGBACK", "RECORD_RING"),
                straightTo183.actions());
    }

    @Test
    void holdAndResumeFromEitherSideFollowTheirOffers() throws SdpParseException {
        CallScript call = CallScript.connected("b1");

        call.callerReInvite(direction("a=sendonly"));
        assertEquals(CallState.HELD_BY_CALLER, call.state());
        assertEquals(List.of("ANSWER_REINVITE_FROM_CALLER"), call.actions());
        assertTrue(call.callerAck().isIgnored(), "the ACK of the re-INVITE's 200");

        call.calleeReInvite(direction("a=inactive"));
        assertEquals(CallState.HELD_BY_BOTH, call.state());
        assertEquals(List.of("ANSWER_REINVITE_FROM_CALLEE"), call.actions());

        call.callerReInvite(direction("a=sendrecv"));
        assertEquals(CallState.HELD_BY_CALLEE, call.state());

        call.calleeReInvite(null);
        assertEquals(CallState.HELD_BY_CALLEE, call.state(), "an offerless re-INVITE keeps the hold");
        assertEquals(List.of("ANSWER_REINVITE_FROM_CALLEE"), call.actions());
        call.calleeAck();

        call.calleeReInvite(direction(""));
        assertEquals(CallState.CONNECTED, call.state(), "no direction attribute is sendrecv");

        call.callerReInvite(direction("a=recvonly"));
        assertEquals(CallState.CONNECTED, call.state(), "an offer that still receives is no hold");

        call.after(Duration.ofSeconds(10)).callerBye();
        assertEquals(Optional.of(Disposition.ANSWERED), call.record().disposition());
    }

    @Test
    void aliceWithoutAnOfferGetsOursInThe200AndHearsHerOwnRingback() {
        CallScript call = new CallScript();
        call.inviteWithoutOffer();
        assertTrue(call.progress().delayedOffer());
        call.locate("b1");
        assertEquals(List.of("ANCHOR_MEDIA"), call.actions());
        call.mediaReady();
        call.after(Duration.ofSeconds(1)).respond("b1", 183);
        assertEquals(CallState.RINGING, call.state(), "no early media: Alice has no answer of ours to render it with");
        assertEquals(List.of("SEND_PROVISIONAL_TO_CALLER(180)", "RECORD_RING"), call.actions());
        call.respond("b1", 200);
        assertEquals(List.of("CANCEL_NO_ANSWER_TIMER", "ACK_BRANCH(b1)", "BRIDGE_MEDIA", "FORWARD_ANSWER_TO_CALLER",
                "RECORD_ANSWER"), call.actions());
        call.callerAck();
        assertEquals(CallState.CONNECTED, call.state());
        assertTrue(call.progress().delayedOffer(), "the call remembers how it was set up");
        call.after(Duration.ofSeconds(10)).callerBye();
        assertEquals(Optional.of(Disposition.ANSWERED), call.record().disposition());
        assertEquals(Optional.empty(), call.record().mediaFailure());
    }

    @Test
    void anAckWithoutAnAnswerToOurOfferHangsUpBothLegsAndTheRecordSaysWhy() {
        for (MediaFailure failure : List.of(MediaFailure.CALLER_ANSWER_MISSING,
                MediaFailure.CALLER_ANSWER_NOT_ACCEPTABLE)) {
            CallScript call = new CallScript();
            call.inviteWithoutOffer();
            call.locate("b1");
            call.mediaReady();
            call.respond("b1", 200);
            call.after(Duration.ofMillis(100)).callerAckWithoutAnswer(failure);
            assertEquals(CallState.ENDED, call.state());
            assertEquals(List.of("SEND_BYE_TO_CALLEE(b1)", "SEND_BYE_TO_CALLER", "RELEASE_MEDIA", "RECORD_END"),
                    call.actions());
            assertEquals(Optional.of(failure), call.record().mediaFailure());
            assertEquals(Optional.of(HangupSide.SYSTEM), call.record().hangupSide());
            assertEquals(Optional.of(Disposition.FAILED), call.record().disposition(),
                    "no media on the caller's leg: not a normal answered call");
            assertEquals(java.util.OptionalInt.of(200), call.record().finalCode(), "the caller did get 200");
            assertTrue(call.progress().isSettled(), "nothing waits: no stuck call");
        }
        assertThrows(IllegalArgumentException.class,
                () -> new CallEvent.CallerAckWithoutAnswer(MediaFailure.ENDPOINT_LOST));
    }

    /**
     * RFC 3261 §14.2: Alice's re-INVITE without SDP is answered with our offer, whose answer is due in her ACK; any
     * re-INVITE from her before that ACK is glare and gets 491, whatever it offers, and changes nothing. Bob's leg has
     * its own offer/answer and is not held up. The ACK (or its timeout) ends the wait.
     */
    @Test
    void aReInviteCrossingOurOfferThatWaitsForItsAckGets491UntilTheAckComes() {
        CallScript call = CallScript.connected("b1");
        call.callerReInvite(null);
        assertEquals(List.of("ANSWER_REINVITE_FROM_CALLER"), call.actions());
        assertTrue(call.progress().callerAnswerDue(), "our offer waits for Alice's ACK");
        call.callerReInvite(MediaDirection.SENDONLY);
        assertEquals(List.of("REFUSE_REINVITE_FROM_CALLER(491)"), call.actions());
        assertEquals(CallState.CONNECTED, call.state(), "a refused hold is no hold");
        call.unacceptableCallerReInvite(MediaDirection.SENDRECV);
        assertEquals(List.of("REFUSE_REINVITE_FROM_CALLER(491)"), call.actions(), "glare before the codec check");
        call.callerReInvite(null);
        assertEquals(List.of("REFUSE_REINVITE_FROM_CALLER(491)"), call.actions());

        call.calleeReInvite(MediaDirection.SENDONLY);
        assertEquals(List.of("ANSWER_REINVITE_FROM_CALLEE"), call.actions(), "Bob's leg is not held up");
        assertEquals(CallState.HELD_BY_CALLEE, call.state());
        call.calleeAck();
        assertTrue(call.progress().callerAnswerDue(), "Bob's ACK is not Alice's");

        call.callerAck();
        assertFalse(call.progress().callerAnswerDue());
        call.callerReInvite(MediaDirection.SENDONLY);
        assertEquals(List.of("ANSWER_REINVITE_FROM_CALLER"), call.actions());
        assertEquals(CallState.HELD_BY_BOTH, call.state());

        CallScript bobAsks = CallScript.connected("b1");
        bobAsks.calleeReInvite(null);
        assertTrue(bobAsks.progress().calleeAnswerDue());
        bobAsks.calleeReInvite(MediaDirection.SENDRECV);
        assertEquals(List.of("REFUSE_REINVITE_FROM_CALLEE(491)"), bobAsks.actions());
        bobAsks.callerReInvite(MediaDirection.SENDRECV);
        assertEquals(List.of("ANSWER_REINVITE_FROM_CALLER"), bobAsks.actions(), "Alice's leg is not held up");
        bobAsks.calleeAck();
        bobAsks.calleeReInvite(MediaDirection.SENDRECV);
        assertEquals(List.of("ANSWER_REINVITE_FROM_CALLEE"), bobAsks.actions());

        CallScript unacknowledged = CallScript.connected("b1");
        unacknowledged.callerReInvite(null);
        unacknowledged.callerAckTimeout();
        assertFalse(unacknowledged.progress().callerAnswerDue(), "the timeout ends the wait");

        CallScript withOffer = CallScript.connected("b1");
        withOffer.callerReInvite(MediaDirection.SENDRECV);
        assertFalse(withOffer.progress().callerAnswerDue(), "an answered offer leaves nothing due");
        withOffer.callerReInvite(MediaDirection.SENDONLY);
        assertEquals(List.of("ANSWER_REINVITE_FROM_CALLER"), withOffer.actions());

        CallScript hungUp = CallScript.connected("b1");
        hungUp.callerReInvite(null);
        hungUp.calleeBye("b1");
        hungUp.callerReInvite(MediaDirection.SENDRECV);
        assertEquals(List.of("REFUSE_REINVITE_FROM_CALLER(481)"), hungUp.actions());
    }

    @Test
    void aReInviteRefusedForItsOfferLeavesTheCallWhereItWas() {
        CallScript call = CallScript.connected("b1");
        call.unacceptableCallerReInvite(MediaDirection.SENDONLY);
        assertEquals(CallState.CONNECTED, call.state(), "a refused hold is no hold");
        assertEquals(List.of("REFUSE_REINVITE_FROM_CALLER(488)"), call.actions());

        call.calleeReInvite(MediaDirection.INACTIVE);
        assertEquals(CallState.HELD_BY_CALLEE, call.state());
        call.unacceptableCalleeReInvite(MediaDirection.SENDRECV);
        assertEquals(CallState.HELD_BY_CALLEE, call.state(), "a refused resume keeps the hold");
        assertEquals(List.of("REFUSE_REINVITE_FROM_CALLEE(488)"), call.actions());
        call.unacceptableCallerReInvite(MediaDirection.INACTIVE);
        assertEquals(CallState.HELD_BY_CALLEE, call.state());

        CallScript connecting = CallScript.connecting("b1");
        connecting.unacceptableCallerReInvite(MediaDirection.SENDONLY);
        assertEquals(List.of("REFUSE_REINVITE_FROM_CALLER(491)"), connecting.actions(), "glare: retry later");
        assertEquals(CallState.CONNECTING, connecting.state());
        connecting.calleeReInvite(MediaDirection.SENDONLY);
        assertEquals(CallState.CONNECTING, connecting.state(), "a re-INVITE refused with 491 holds nothing either");
        connecting.callerAck();
        assertEquals(CallState.CONNECTED, connecting.state());
    }

    @Test
    void aCancelledBranchThatNeverSendsItsFinalResponseIsDroppedAndTheCallSettles() {
        CallScript call = CallScript.ringing("b1");
        call.callerCancel();
        assertEquals(List.of("ACCEPT_CANCEL", "CANCEL_NO_ANSWER_TIMER", "CANCEL_BRANCH(b1)", "RELEASE_MEDIA",
                "SEND_FINAL_TO_CALLER(487)", "RECORD_END"), call.actions());
        assertFalse(call.progress().isSettled(), "b1 owes its final response");
        CallRecord cdr = call.record();

        call.after(Duration.ofSeconds(32)).cancelUnanswered("b1");
        assertEquals(CallState.ENDED, call.state());
        assertEquals(List.of("DROP_BRANCH(b1)"), call.actions());
        assertEquals(487, call.progress().forks().branch("b1").orElseThrow().status(), "counted as cancelled");
        assertTrue(call.progress().isSettled());
        assertEquals(cdr, call.record());
        assertTrue(call.respond("b1", 487).isIgnored(), "a 487 that comes after all changes nothing");

        CallScript answeredElsewhere = CallScript.ringing("b1", "b2");
        answeredElsewhere.respond("b2", 180);
        answeredElsewhere.respond("b1", 200);
        answeredElsewhere.callerAck();
        answeredElsewhere.cancelUnanswered("b2");
        assertEquals(CallState.CONNECTED, answeredElsewhere.state(), "the answered call goes on");
        assertEquals(List.of("DROP_BRANCH(b2)"), answeredElsewhere.actions());
        assertThrows(IllegalArgumentException.class, () -> answeredElsewhere.cancelUnanswered("b9"));
    }

    @Test
    void bobHangsUpBeforeAlicesAckSoHerByeWaitsForIt() {
        CallScript call = CallScript.connecting("b1");
        call.after(Duration.ofMillis(300)).calleeBye("b1");
        assertEquals(CallState.ENDING, call.state());
        assertEquals(List.of("CONFIRM_BYE_FROM_CALLEE", "RELEASE_MEDIA", "RECORD_END"), call.actions());
        assertEquals(Optional.of(T0.plusMillis(300)), call.record().end());
        assertEquals(Optional.of(HangupSide.CALLEE), call.record().hangupSide());

        CallRecord cdr = call.record();
        call.after(Duration.ofMillis(200)).callerAck();
        assertEquals(CallState.ENDED, call.state());
        assertEquals(List.of("SEND_BYE_TO_CALLER"), call.actions());
        assertEquals(cdr, call.record(), "the call ended when Bob hung up");
    }

    @Test
    void anAnswerNeverAcknowledgedByAliceIsHungUpOnBothSides() {
        CallScript call = CallScript.connecting("b1");
        call.after(Duration.ofSeconds(32)).callerAckTimeout();
        assertEquals(CallState.ENDED, call.state());
        assertEquals(List.of("SEND_BYE_TO_CALLEE(b1)", "SEND_BYE_TO_CALLER", "RELEASE_MEDIA", "RECORD_END"),
                call.actions());
        assertEquals(Optional.of(HangupSide.SYSTEM), call.record().hangupSide());
        assertEquals(Optional.of(Disposition.ANSWERED), call.record().disposition());
    }

    @Test
    void mediaThatCannotBeAnchoredFailsTheCallWithTheFittingResponse() {
        CallScript full = new CallScript();
        full.invite();
        full.locate("b1");
        full.mediaFailed(MediaFailure.CAPACITY_EXHAUSTED);
        assertEquals(List.of("RELEASE_MEDIA", "SEND_FINAL_TO_CALLER(503)", "RECORD_END"), full.actions());
        assertEquals(Optional.of(Disposition.FAILED), full.record().disposition());
        assertEquals(Optional.of(HangupSide.SYSTEM), full.record().hangupSide());
        assertTrue(full.progress().forks().branch("b1").isPresent());
        assertTrue(full.progress().isSettled(), "b1 was never invited, so nothing is left to wait for");

        CallScript badOffer = new CallScript();
        badOffer.invite();
        badOffer.locate("b1");
        badOffer.mediaFailed(MediaFailure.OFFER_NOT_ACCEPTABLE);
        assertEquals(OptionalInt.of(488), badOffer.record().finalCode());
    }

    @Test
    void mediaLostDuringTheCallHangsUpBothParties() {
        CallScript call = CallScript.connected("b1");
        call.after(Duration.ofSeconds(5)).mediaFailed(MediaFailure.ENDPOINT_LOST);
        assertEquals(List.of("SEND_BYE_TO_CALLER", "SEND_BYE_TO_CALLEE(b1)", "RELEASE_MEDIA", "RECORD_END"),
                call.actions());
        assertEquals(Optional.of(HangupSide.SYSTEM), call.record().hangupSide());
        assertEquals(Optional.of(Disposition.ANSWERED), call.record().disposition(), "the call did talk");
        assertEquals(Optional.of(MediaFailure.ENDPOINT_LOST), call.record().mediaFailure(), "and says why it ended");

        CallScript ringing = CallScript.ringing("b1");
        ringing.mediaFailed(MediaFailure.ENDPOINT_LOST);
        assertEquals(List.of("CANCEL_NO_ANSWER_TIMER", "CANCEL_BRANCH(b1)", "RELEASE_MEDIA",
                "SEND_FINAL_TO_CALLER(503)", "RECORD_END"), ringing.actions());
    }

    @Test
    void reInvitesBeforeTheAckAreAskedToRetryAndAfterTheEndAreRefused() {
        CallScript call = CallScript.connecting("b1");
        call.calleeReInvite(MediaDirection.SENDONLY);
        assertEquals(List.of("REFUSE_REINVITE_FROM_CALLEE(491)"), call.actions());
        assertEquals(CallState.CONNECTING, call.state());
        call.callerAck();
        call.calleeBye("b1");
        call.callerReInvite(MediaDirection.SENDONLY);
        assertEquals(List.of("REFUSE_REINVITE_FROM_CALLER(481)"), call.actions());
    }

    @Test
    void aliceGivingUpDuringTheLookupOrTheMediaSetupLeavesNothingBehind() {
        CallScript duringLookup = new CallScript();
        duringLookup.invite();
        duringLookup.callerCancel();
        assertEquals(List.of("ACCEPT_CANCEL", "SEND_FINAL_TO_CALLER(487)", "RECORD_END"), duringLookup.actions());
        assertTrue(duringLookup.locate("b1").isIgnored(), "nobody is invited");
        assertTrue(duringLookup.progress().forks().branches().isEmpty());

        CallScript duringMedia = new CallScript();
        duringMedia.invite();
        duringMedia.locate("b1");
        duringMedia.callerCancel();
        assertEquals(List.of("ACCEPT_CANCEL", "RELEASE_MEDIA", "SEND_FINAL_TO_CALLER(487)", "RECORD_END"),
                duringMedia.actions());
        duringMedia.mediaReady();
        assertEquals(List.of("RELEASE_MEDIA"), duringMedia.actions());
    }

    @Test
    void aliceHangingUpOnTheEarlyDialogIsACancel() {
        CallScript call = CallScript.ringing("b1");
        call.callerBye();
        assertEquals(List.of("CONFIRM_BYE_FROM_CALLER", "CANCEL_NO_ANSWER_TIMER", "CANCEL_BRANCH(b1)",
                "RELEASE_MEDIA", "SEND_FINAL_TO_CALLER(487)", "RECORD_END"), call.actions());
        assertEquals(Optional.of(Disposition.CANCELLED), call.record().disposition());
        assertEquals(Optional.of(HangupSide.CALLER), call.record().hangupSide());
    }

    @Test
    void crossingByesAreBothAnswered() {
        CallScript call = CallScript.connected("b1");
        call.callerBye();
        CallRecord cdr = call.record();
        call.calleeBye("b1");
        assertEquals(List.of("CONFIRM_BYE_FROM_CALLEE"), call.actions());
        assertEquals(cdr, call.record());
    }

    @Test
    void retransmissionsAndStaleTimersAreIgnoredWithAReason() {
        CallScript call = CallScript.connected("b1");
        CallProgress before = call.progress();
        CallStep invite = call.invite();
        assertTrue(invite.isIgnored());
        assertTrue(invite.ignoredBecause().orElseThrow().contains("retransmitted"));
        assertEquals(before, call.progress());
        CallStep timer = call.noAnswer();
        assertTrue(timer.isIgnored());
        assertEquals(List.of(), timer.actions());
    }

    @Test
    void eventsThatCannotHappenAreRefusedNamingStateAndEvent() {
        CallScript idle = new CallScript();
        IllegalCallTransitionException early = assertThrows(IllegalCallTransitionException.class, idle::callerBye);
        assertEquals(CallState.IDLE, early.state());
        assertEquals(CallEvent.Kind.CALLER_BYE, early.event());

        CallScript ringing = CallScript.ringing("b1");
        IllegalCallTransitionException bye = assertThrows(IllegalCallTransitionException.class,
                () -> ringing.calleeBye("b1"));
        assertEquals(CallState.RINGING, bye.state());
        assertEquals(CallEvent.Kind.STRAY_CALLEE_BYE, bye.event(), "a phone that has not answered cannot hang up");
        assertEquals(CallState.RINGING, ringing.state(), "a refused event changes nothing");

        assertThrows(IllegalArgumentException.class, () -> ringing.respond("b9", 180), "unknown branch");
    }

    @Test
    void timestampsComeFromTheInjectedClock() {
        CallScript call = new CallScript();
        call.clock.advance(Duration.ofHours(1));
        call.invite();
        assertEquals(Instant.parse("2026-11-23T10:00:00Z"), call.record().start());
    }

    private static MediaDirection direction(String attribute) throws SdpParseException {
        String sdp = "v=0\r\no=bob 1 2 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0\r\n" + (attribute.isEmpty() ? "" : attribute + "\r\n");
        return SdpDirection.offered(sdp).orElseThrow();
    }
}
