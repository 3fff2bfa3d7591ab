package org.parley.sip.call;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.parley.media.control.MediaDirection;
import org.parley.time.ManualClock;

/**
 * Drives one call through the machine the way the SBB would, on a manual clock: each method feeds one event and
 * keeps the progress, as the SBB keeps it in its CMP field. The static builders bring a call to a given state.
 */
final class CallScript {

    static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    static final String ALICE = "sip:alice@acme.example";
    static final String BOB = "sip:bob@acme.example";

    final ManualClock clock = new ManualClock(T0);
    final CallStateMachine machine = new CallStateMachine(clock, FinalResponsePolicy.standard());
    private CallProgress progress = CallProgress.idle();
    private CallStep last;

    /** INVITE in, Bob's contacts found (one branch per id), media anchored: the INVITEs are out. */
    static CallScript calling(String... branches) {
        CallScript call = new CallScript();
        call.invite();
        call.locate(branches);
        call.mediaReady();
        return call;
    }

    /** Calling, and the first branch answered 180. */
    static CallScript ringing(String... branches) {
        CallScript call = calling(branches);
        call.respond(branches[0], 180);
        return call;
    }

    /** Ringing, then the first branch answered 200: the caller's ACK is due. */
    static CallScript connecting(String... branches) {
        CallScript call = ringing(branches);
        call.respond(branches[0], 200);
        return call;
    }

    /** Connecting, and the caller acknowledged: they talk. */
    static CallScript connected(String... branches) {
        CallScript call = connecting(branches);
        call.callerAck();
        return call;
    }

    /** Feeds one event; every action handed out must be complete, since the SBB carries them out as they are. */
    CallStep fire(CallEvent event) {
        last = machine.fire(progress, event);
        progress = last.progress();
        for (CallAction action : last.actions()) {
            if (!action.isComplete()) {
                throw new AssertionError(action + " lacks its parameter after " + event);
            }
        }
        return last;
    }

    CallScript after(Duration duration) {
        clock.advance(duration);
        return this;
    }

    CallStep invite() {
        return fire(new CallEvent.Invite(ALICE, BOB));
    }

    /** An INVITE without SDP (RFC 3261 §13.2.1): our offer goes in the 200, Alice answers in her ACK. */
    CallStep inviteWithoutOffer() {
        return fire(new CallEvent.Invite(ALICE, BOB, false));
    }

    CallStep locate(String... branches) {
        List<ForkSet.Target> targets = new ArrayList<>();
        for (int i = 0; i < branches.length; i++) {
            targets.add(new ForkSet.Target(branches[i], "sip:bob@192.0.2." + (10 + i) + ":5060"));
        }
        return fire(new CallEvent.CalleeLocated(targets));
    }

    CallStep mediaReady() {
        return fire(new CallEvent.MediaReady());
    }

    CallStep mediaFailed(MediaFailure failure) {
        return fire(new CallEvent.MediaFailed(failure));
    }

    CallStep respond(String branch, int status) {
        return fire(new CallEvent.BranchResponse(branch, status));
    }

    CallStep noAnswer() {
        return fire(new CallEvent.NoAnswerTimeout());
    }

    CallStep callerCancel() {
        return fire(new CallEvent.CallerCancel());
    }

    CallStep callerAck() {
        return fire(new CallEvent.CallerAck());
    }

    CallStep callerAckWithoutAnswer(MediaFailure failure) {
        return fire(new CallEvent.CallerAckWithoutAnswer(failure));
    }

    CallStep cancelUnanswered(String branch) {
        return fire(new CallEvent.CancelUnanswered(branch));
    }

    CallStep callerAckTimeout() {
        return fire(new CallEvent.CallerAckTimeout());
    }

    CallStep callerBye() {
        return fire(new CallEvent.CallerBye());
    }

    CallStep calleeBye(String branch) {
        return fire(new CallEvent.CalleeBye(branch));
    }

    CallStep calleeAck() {
        return fire(new CallEvent.CalleeAck());
    }

    /** A re-INVITE from Alice offering this direction, or without SDP when {@code offered} is null. */
    CallStep callerReInvite(MediaDirection offered) {
        return fire(new CallEvent.CallerReInvite(Optional.ofNullable(offered)));
    }

    CallStep calleeReInvite(MediaDirection offered) {
        return fire(new CallEvent.CalleeReInvite(Optional.ofNullable(offered)));
    }

    /** A re-INVITE from Alice whose offer her endpoint cannot answer. */
    CallStep unacceptableCallerReInvite(MediaDirection offered) {
        return fire(new CallEvent.CallerReInvite(Optional.of(offered), false));
    }

    CallStep unacceptableCalleeReInvite(MediaDirection offered) {
        return fire(new CallEvent.CalleeReInvite(Optional.of(offered), false));
    }

    CallProgress progress() {
        return progress;
    }

    CallState state() {
        return progress.state();
    }

    CallRecord record() {
        return progress.record().orElseThrow();
    }

    /** The last step's actions as the table writes them, e.g. {@code [ACK_BRANCH(b1), BRIDGE_MEDIA]}. */
    List<String> actions() {
        return last.actions().stream().map(CallAction::toString).toList();
    }
}
