package org.parley.acd.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.agent.AgentState;
import org.parley.acd.routing.agent.Contact;
import org.parley.acd.routing.agent.PauseReason;
import org.parley.acd.routing.event.EventField;
import org.parley.acd.routing.event.RoutingEventType;
import org.parley.acd.routing.interaction.InteractionId;
import org.parley.acd.routing.interaction.InteractionStatus;
import org.parley.acd.routing.offer.Offer;
import org.parley.acd.routing.offer.OfferNotRingingException;
import org.parley.acd.routing.offer.OfferOutcome;
import org.parley.acd.routing.queue.QueueId;

/** Offers are leases: every one ends, and how it ends decides where the customer and the agent go next. */
class RouterLeaseTest {

    private final RoutingScenario s = new RoutingScenario();
    private final QueueId q = s.queue("support", b -> b.ringTimeout(Duration.ofSeconds(15))
            .missedOffersBeforePause(2).wrapUp(Duration.ofSeconds(30)));

    @Test
    void anUnansweredOfferTimesOutAndTheNextAgentIsTried() {
        AgentId first = s.agent("a1", q);
        s.elapseSeconds(5);
        AgentId second = s.agent("a2", q);
        InteractionId call = s.call(q);
        Offer lease = s.ringingAt(first);

        s.elapseSeconds(14);
        assertEquals(AgentState.RESERVED, s.state(first), "the lease holds until the ring timeout");
        s.elapseSeconds(1);

        assertEquals(OfferOutcome.TIMED_OUT, lease.outcome());
        assertEquals(AgentState.AVAILABLE, s.state(first));
        assertEquals(1, s.session(first).missedOffersInRow());
        assertEquals(call, s.ringingAt(second).interaction());
        assertEquals(List.of(call.value()), s.fieldOf(RoutingEventType.OFFER_TIMED_OUT, EventField.INTERACTION));
        assertThrows(OfferNotRingingException.class, () -> s.router.accept(lease.id()),
                "a late answer to an expired lease is refused");
    }

    @Test
    void aTimedOutInteractionGoesBackToTheHeadOfTheLine() {
        AgentId agent = s.agent("a1", q);
        InteractionId early = s.call(q);
        s.elapseSeconds(5);
        InteractionId late = s.call(q);
        assertEquals(1, s.router.position(late).orElseThrow().position());

        s.elapseSeconds(10);

        // The early caller is ahead of the late one again, so the only agent is offered the early one again.
        assertEquals(early, s.ringingAt(agent).interaction());
        assertEquals(2, s.router.offersOf(early).size());
        assertEquals(InteractionStatus.WAITING, s.router.interaction(late).orElseThrow().status());
        assertEquals(List.of(early, late), s.router.line(q).stream().map(i -> i.id()).toList());
    }

    @Test
    void missingTheConfiguredNumberOfOffersInARowPausesTheAgent() {
        AgentId agent = s.agent("a1", q);
        s.call(q);
        s.elapseSeconds(15);
        assertEquals(AgentState.RESERVED, s.state(agent), "re-offered: nobody else is free");
        s.elapseSeconds(15);

        assertEquals(AgentState.PAUSED, s.state(agent));
        assertEquals(PauseReason.MISSED_OFFERS, s.session(agent).pauseReason().orElseThrow());
        assertTrue(s.eventsOf(RoutingEventType.AGENT_STATE_CHANGED).stream()
                .anyMatch(e -> "missed offers".equals(e.get(EventField.REASON).orElse(null))));
    }

    @Test
    void answeringResetsTheMissedOfferCount() {
        AgentId agent = s.agent("a1", q);
        InteractionId call = s.call(q);
        s.elapseSeconds(15);
        assertEquals(1, s.session(agent).missedOffersInRow());
        s.answer(agent);
        assertEquals(0, s.session(agent).missedOffersInRow());
        assertEquals(AgentState.BUSY, s.state(agent));
        assertEquals(InteractionStatus.CONNECTED, s.router.interaction(call).orElseThrow().status());
    }

    @Test
    void aDeclineFreesTheAgentAtOnceWithoutCountingAsMissed() {
        AgentId first = s.agent("a1", q);
        s.elapseSeconds(5);
        AgentId second = s.agent("a2", q);
        InteractionId call = s.call(q);

        s.router.decline(s.ringingAt(first).id());

        assertEquals(0, s.session(first).missedOffersInRow());
        assertEquals(AgentState.AVAILABLE, s.state(first));
        assertEquals(call, s.ringingAt(second).interaction());
    }

    @Test
    void theCustomerLeavingWhileItRingsCancelsTheLeaseAndCountsAnAbandon() {
        AgentId agent = s.agent("a1", q);
        InteractionId call = s.call(q);
        Offer lease = s.ringingAt(agent);
        s.elapseSeconds(8);

        s.router.customerLeft(call);

        assertEquals(OfferOutcome.CANCELLED, lease.outcome());
        assertEquals("customer left", lease.endReason().orElseThrow());
        assertEquals(AgentState.AVAILABLE, s.state(agent));
        assertEquals(InteractionStatus.ABANDONED, s.router.interaction(call).orElseThrow().status());
        assertEquals(List.of("8000"), s.fieldOf(RoutingEventType.INTERACTION_ABANDONED, EventField.WAIT_MILLIS));
        s.elapseSeconds(30);
        assertEquals(0, s.session(agent).missedOffersInRow(), "the cancelled lease's timer never fires");
    }

    @Test
    void wrapUpLastsTheQueuesWrapUpTimeThenTheAgentIsOfferedAgain() {
        AgentId agent = s.agent("a1", q);
        InteractionId first = s.call(q);
        s.answer(agent);
        InteractionId second = s.call(q);
        s.elapseSeconds(60);
        s.router.complete(first);
        s.router.complete(first);
        assertEquals(AgentState.WRAP_UP, s.state(agent));
        assertFalse(s.isRinging(agent), "no offers during wrap-up");

        s.elapseSeconds(29);
        assertEquals(AgentState.WRAP_UP, s.state(agent));
        s.elapseSeconds(1);

        assertEquals(second, s.ringingAt(agent).interaction());
        assertEquals(List.of("30000"), s.fieldOf(RoutingEventType.WRAP_UP_ENDED, EventField.WRAP_UP_MILLIS));
        assertEquals(List.of("60000"), s.fieldOf(RoutingEventType.INTERACTION_COMPLETED, EventField.TALK_MILLIS));
    }

    @Test
    void wrapUpIsPerQueue() {
        QueueId quick = s.queue("quick", b -> b.wrapUp(Duration.ofSeconds(5)));
        AgentId agent = s.agent("a1", q, quick);
        InteractionId call = s.call(quick);
        s.answer(agent);
        s.router.complete(call);
        s.elapseSeconds(5);
        assertEquals(AgentState.AVAILABLE, s.state(agent));
    }

    @Test
    void anAgentMayEndWrapUpEarlyByGoingReady() {
        AgentId agent = s.agent("a1", q);
        InteractionId call = s.call(q);
        s.answer(agent);
        s.router.complete(call);
        s.elapseSeconds(12);

        s.router.goReady(agent);

        assertEquals(AgentState.AVAILABLE, s.state(agent));
        assertEquals(List.of("12000"), s.fieldOf(RoutingEventType.WRAP_UP_ENDED, EventField.WRAP_UP_MILLIS));
        s.elapseSeconds(30);
        assertEquals(1, s.eventsOf(RoutingEventType.WRAP_UP_ENDED).size(), "the wrap-up timer was called off");
    }

    @Test
    void anUnreachableAgentLosesTheRingingOfferAndGetsNoMore() {
        AgentId first = s.agent("a1", q);
        s.elapseSeconds(5);
        AgentId second = s.agent("a2", q);
        InteractionId call = s.call(q);

        s.router.agentUnreachable(first, Contact.PHONE);

        assertEquals(call, s.ringingAt(second).interaction());
        assertFalse(s.isRinging(first));
        InteractionId next = s.call(q);
        assertFalse(s.isRinging(first), "unreachable agents are skipped even when idle");
        s.router.agentReachable(first, Contact.PHONE);
        assertEquals(next, s.ringingAt(first).interaction());
    }

    @Test
    void aLostDesktopWithdrawsTheOfferAndTheAgentIsOfferedWorkOnlyWhenPhoneAndDesktopAreBack() {
        AgentId agent = s.agent("a1", q);
        InteractionId call = s.call(q);
        assertTrue(s.isRinging(agent));

        s.router.agentUnreachable(agent, Contact.DESKTOP);
        s.router.agentUnreachable(agent, Contact.DESKTOP);
        assertFalse(s.isRinging(agent), "the desktop that would show the offer is gone");
        assertEquals(InteractionStatus.WAITING, s.router.interaction(call).orElseThrow().status());
        assertEquals(List.of("DESKTOP"), s.fieldOf(RoutingEventType.AGENT_REACHABILITY_CHANGED, EventField.CONTACT),
                "told twice, logged once");

        s.router.agentUnreachable(agent, Contact.PHONE);
        s.router.agentReachable(agent, Contact.DESKTOP);
        assertFalse(s.isRinging(agent), "the phone is still unregistered");
        s.router.agentReachable(agent, Contact.PHONE);
        assertEquals(call, s.ringingAt(agent).interaction());
    }

    @Test
    void loggingOutWhileRingingPutsTheCustomerBackInLine() {
        AgentId agent = s.agent("a1", q);
        InteractionId call = s.call(q);
        s.router.logOut(agent);
        assertEquals(AgentState.LOGGED_OUT, s.state(agent));
        assertEquals(InteractionStatus.WAITING, s.router.interaction(call).orElseThrow().status());
        assertEquals(1, s.router.position(call).orElseThrow().position());
    }
}
