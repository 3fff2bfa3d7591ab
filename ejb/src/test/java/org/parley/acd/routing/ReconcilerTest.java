package org.parley.acd.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.parley.acd.routing.interaction.Channel;
import org.parley.acd.routing.interaction.CustomerIdentity;
import org.parley.acd.routing.interaction.Interaction;
import org.parley.acd.routing.interaction.InteractionId;
import org.parley.acd.routing.interaction.InteractionStatus;
import org.parley.acd.routing.offer.Offer;
import org.parley.acd.routing.offer.OfferId;
import org.parley.acd.routing.offer.OfferOutcome;
import org.parley.acd.routing.queue.QueueId;

/**
 * Each test breaks one invariant behind the router's back, the way a lost message or a bug would, and checks that
 * the reconciler repairs it, reports it as an event, and leaves nothing to repair on a second pass.
 */
class ReconcilerTest {

    private final RoutingScenario s = new RoutingScenario();
    private final QueueId q = s.queue("support", b -> b.wrapUp(Duration.ofSeconds(5)));
    private final Reconciler reconciler = new Reconciler();

    @Test
    void aGhostReservationIsReleased() {
        AgentId agent = s.agent("a1", q);
        s.session(agent).reserve(InteractionId.random(), Channel.VOICE, s.clock.instant());
        assertEquals(AgentState.RESERVED, s.state(agent));

        List<InvariantViolation> found = reconciler.reconcile(s.router);

        assertEquals(List.of(InvariantViolation.Kind.RESERVED_WITHOUT_OFFER), kinds(found));
        assertEquals(AgentState.AVAILABLE, s.state(agent));
        assertRepairedOnceAndClean(found);
    }

    @Test
    void anAgentBusyWithAnInteractionThatIsNotConnectedIsReleasedThroughWrapUp() {
        AgentId agent = s.agent("a1", q);
        InteractionId phantom = InteractionId.random();
        s.session(agent).reserve(phantom, Channel.VOICE, s.clock.instant());
        s.session(agent).accept(s.clock.instant());
        assertEquals(AgentState.BUSY, s.state(agent));

        List<InvariantViolation> found = reconciler.reconcile(s.router);

        assertEquals(List.of(InvariantViolation.Kind.BUSY_WITHOUT_INTERACTION), kinds(found));
        assertEquals(AgentState.AVAILABLE, s.state(agent));
        assertRepairedOnceAndClean(found);
    }

    @Test
    void anInteractionOfferedToASecondAgentKeepsOnlyTheFirstLease() {
        AgentId first = s.agent("a1", q);
        AgentId second = s.agent("a2", q);
        s.router.pause(second, PauseReason.of("break"));
        InteractionId call = s.call(q);
        Offer original = s.ringingAt(first);
        s.router.goReady(second);
        s.clock.advance(Duration.ofSeconds(1));
        s.session(second).reserve(call, Channel.VOICE, s.clock.instant());
        Offer duplicate = new Offer(OfferId.random(), call, q, second, Channel.VOICE, s.clock.instant(),
                s.clock.instant().plusSeconds(15), original.decision());
        s.router.offerBook().record(duplicate);

        List<InvariantViolation> found = reconciler.reconcile(s.router);

        assertEquals(List.of(InvariantViolation.Kind.OFFERED_TO_SEVERAL), kinds(found));
        assertEquals(OfferOutcome.CANCELLED, duplicate.outcome());
        assertTrue(original.isRinging());
        assertEquals(AgentState.AVAILABLE, s.state(second));
        assertEquals(AgentState.RESERVED, s.state(first));
        assertRepairedOnceAndClean(found);
    }

    @Test
    void anOfferRingingAtAnUnreachableAgentIsWithdrawnAndTheCustomerOfferedElsewhere() {
        AgentId first = s.agent("a1", q);
        s.clock.advance(Duration.ofSeconds(1));
        AgentId second = s.agent("a2", q);
        InteractionId call = s.call(q);
        Offer lease = s.ringingAt(first);
        s.session(first).unreachable(Contact.PHONE);

        List<InvariantViolation> found = reconciler.reconcile(s.router);

        assertEquals(List.of(InvariantViolation.Kind.OFFERED_TO_UNREACHABLE), kinds(found));
        assertEquals(OfferOutcome.CANCELLED, lease.outcome());
        assertEquals(call, s.ringingAt(second).interaction());
        assertRepairedOnceAndClean(found);
    }

    @Test
    void anOfferStillRingingForAnEndedInteractionIsWithdrawn() {
        AgentId agent = s.agent("a1", q);
        InteractionId call = s.call(q);
        Offer lease = s.ringingAt(agent);
        s.router.interaction(call).orElseThrow().abandoned();

        List<InvariantViolation> found = reconciler.reconcile(s.router);

        assertEquals(List.of(InvariantViolation.Kind.OFFER_FOR_DEAD_INTERACTION), kinds(found));
        assertEquals(OfferOutcome.CANCELLED, lease.outcome());
        assertEquals(AgentState.AVAILABLE, s.state(agent));
        assertEquals(InteractionStatus.ABANDONED, s.router.interaction(call).orElseThrow().status());
        assertEquals(List.of(), s.router.line(q), "no longer counted as waiting");
        assertEquals(0, s.router.liveView(q).waiting());
        assertRepairedOnceAndClean(found);
    }

    @Test
    void anInteractionMarkedRingingThatRingsNowhereGoesBackInLineAndIsOffered() {
        AgentId agent = s.agent("a1", q);
        s.router.pause(agent, PauseReason.of("break"));
        InteractionId call = s.call(q);
        s.router.interaction(call).orElseThrow().offered();
        s.router.goReady(agent);
        assertTrue(s.router.ringingOfferAt(agent).isEmpty(), "the router cannot see a call marked as ringing");

        List<InvariantViolation> found = reconciler.reconcile(s.router);

        assertEquals(List.of(InvariantViolation.Kind.OFFERED_WITHOUT_LEASE), kinds(found));
        assertEquals(call, s.ringingAt(agent).interaction());
        assertRepairedOnceAndClean(found);
    }

    @Test
    void aHealthyRouterHasNothingToRepair() {
        AgentId agent = s.agent("a1", q);
        s.call(q);
        s.answer(agent);
        s.call(q);
        assertEquals(List.of(), reconciler.reconcile(s.router));
    }

    @Test
    void theLiveInteractionsTheReconcilerChecksAreTheOnesNotEndedOldestFirst() {
        AgentId agent = s.agent("a1", q);
        InteractionId talking = s.call(q);
        s.answer(agent);
        InteractionId waiting = s.call(q);
        InteractionId leaving = s.call(q);
        InteractionId callbackFor = s.call(q);
        s.router.customerLeft(leaving);
        InteractionId callback = s.router.requestCallback(callbackFor, CustomerIdentity.of("+4930555999"));
        InteractionId chat = s.arrive(q, Channel.CHAT, 0);
        s.router.complete(talking);

        assertEquals(List.of(waiting, callback, chat),
                s.router.liveInteractions().stream().map(Interaction::id).toList());
        s.router.customerLeft(waiting);
        assertEquals(List.of(callback, chat), s.router.liveInteractions().stream().map(Interaction::id).toList());
    }

    private void assertRepairedOnceAndClean(List<InvariantViolation> found) {
        assertEquals(found.size(), s.eventsOf(RoutingEventType.INVARIANT_REPAIRED).size());
        assertEquals(kinds(found).stream().map(Enum::name).toList(),
                s.fieldOf(RoutingEventType.INVARIANT_REPAIRED, EventField.VIOLATION));
        assertEquals(List.of(), reconciler.reconcile(s.router), "a second pass finds nothing");
    }

    private static List<InvariantViolation.Kind> kinds(List<InvariantViolation> found) {
        return found.stream().map(InvariantViolation::kind).toList();
    }
}
