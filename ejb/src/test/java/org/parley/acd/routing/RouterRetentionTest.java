package org.parley.acd.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.agent.PauseReason;
import org.parley.acd.routing.interaction.Channel;
import org.parley.acd.routing.interaction.CustomerIdentity;
import org.parley.acd.routing.interaction.InteractionId;
import org.parley.acd.routing.interaction.InteractionStatus;
import org.parley.acd.routing.offer.Offer;
import org.parley.acd.routing.offer.OfferId;
import org.parley.acd.routing.queue.OverflowTarget;
import org.parley.acd.routing.queue.QueueId;
import org.parley.acd.routing.queue.QueuePolicy;

/**
 * Ended interactions and their offers stay answerable for the retention and are forgotten after it, a bounded
 * number per step; what is live is never touched, and the reconciler finds nothing wrong afterwards.
 */
class RouterRetentionTest {

    private final RoutingScenario s = new RoutingScenario();
    private final QueueId q = s.queue("support", b -> b.wrapUp(Duration.ZERO));
    private final Reconciler reconciler = new Reconciler();

    @Test
    void anEndedInteractionAndItsOffersAreKeptForTheRetentionThenForgotten() {
        AgentId agent = s.agent("a1", q);
        InteractionId call = s.call(q);
        OfferId offer = s.ringingAt(agent).id();
        s.answer(agent);
        s.router.complete(call);

        assertEquals(0, s.router.forgetEnded(100), "just ended: kept");
        s.clock.advance(Router.DEFAULT_RETENTION.minusSeconds(1));
        assertEquals(0, s.router.forgetEnded(100), "a second before the retention is over: kept");
        assertEquals(InteractionStatus.COMPLETED, s.router.interaction(call).orElseThrow().status());
        assertTrue(s.router.offer(offer).isPresent());

        s.clock.advance(Duration.ofSeconds(1));
        assertEquals(1, s.router.forgetEnded(100));
        assertTrue(s.router.interaction(call).isEmpty());
        assertTrue(s.router.offer(offer).isEmpty());
        assertEquals(List.of(), s.router.offersOf(call));
        assertTrue(s.router.queueOf(call).isEmpty());
        assertEquals(new Router.Footprint(0, 0, 0, 0), s.router.footprint());
        assertThrows(UnknownInteractionException.class, () -> s.router.complete(call),
                "a late signal about a forgotten interaction is refused, not applied");
        assertEquals(List.of(), reconciler.reconcile(s.router));
    }

    @Test
    void everyWayOfEndingIsForgottenAndLiveInteractionsAreKept() {
        QueueId overflowing = s.queue("overflowing", b -> b.maxSize(0)
                .overflowTo(OverflowTarget.voicemail()));
        AgentId agent = s.agent("a1", q);
        InteractionId completed = s.call(q);
        s.answer(agent);
        s.router.complete(completed);
        s.router.pause(agent, PauseReason.of("break"));
        InteractionId abandoned = s.call(q);
        s.router.customerLeft(abandoned);
        InteractionId askedBack = s.call(q);
        InteractionId callback = s.router.requestCallback(askedBack, CustomerIdentity.of("+4930555999"));
        InteractionId overflowed = s.call(overflowing);
        InteractionId waiting = s.call(q);
        assertEquals(InteractionStatus.OVERFLOWED, s.router.interaction(overflowed).orElseThrow().status());
        assertEquals(0, s.router.forgetEnded(100), "the step that sees them end");

        s.clock.advance(Router.DEFAULT_RETENTION);
        assertEquals(4, s.router.forgetEnded(100));

        for (InteractionId gone : List.of(completed, abandoned, askedBack, overflowed)) {
            assertTrue(s.router.interaction(gone).isEmpty(), gone + " is forgotten");
        }
        assertEquals(InteractionStatus.WAITING, s.router.interaction(callback).orElseThrow().status());
        assertEquals(InteractionStatus.WAITING, s.router.interaction(waiting).orElseThrow().status());
        assertEquals(List.of(callback, waiting), s.router.line(q).stream().map(i -> i.id()).toList(),
                "the callback keeps the place its caller earned");
        assertEquals(new Router.Footprint(2, 0, 2, 0), s.router.footprint(), "the completed call's offer went with it");

        s.router.goReady(agent);
        assertEquals(callback, s.ringingAt(agent).interaction());
        assertEquals(List.of(), reconciler.reconcile(s.router));
    }

    @Test
    void oneStepForgetsAtMostItsShareAndTheNextStepTheRest() {
        AgentId agent = s.agent("a1", q);
        s.router.pause(agent, PauseReason.of("break"));
        for (int i = 0; i < 7; i++) {
            s.router.customerLeft(s.call(q));
        }
        s.router.forgetEnded(3);
        s.clock.advance(Router.DEFAULT_RETENTION);

        assertEquals(3, s.router.forgetEnded(3));
        assertTrue(s.router.hasEndedToForget());
        assertEquals(3, s.router.forgetEnded(3));
        assertEquals(1, s.router.forgetEnded(3));
        assertFalse(s.router.hasEndedToForget());
        assertEquals(0, s.router.footprint().interactions());
    }

    @Test
    void anEndedInteractionWhoseOfferStillRingsIsKeptForTheReconcilerToRepair() {
        AgentId agent = s.agent("a1", q);
        InteractionId call = s.call(q);
        Offer lease = s.ringingAt(agent);
        s.router.interaction(call).orElseThrow().abandoned();
        s.clock.advance(Router.DEFAULT_RETENTION.plusMinutes(1));

        assertEquals(0, s.router.forgetEnded(100), "an offer still rings for it: it stays visible");
        assertEquals(List.of(InvariantViolation.Kind.OFFER_FOR_DEAD_INTERACTION),
                reconciler.reconcile(s.router).stream().map(InvariantViolation::kind).toList());
        assertFalse(lease.isRinging());

        s.clock.advance(Router.DEFAULT_RETENTION);
        assertEquals(1, s.router.forgetEnded(100));
        assertTrue(s.router.interaction(call).isEmpty());
        assertEquals(List.of(), reconciler.reconcile(s.router));
    }

    @Test
    void theRetentionIsConfigurable() {
        Router router = new Router(s.clock, s.scheduler, e -> { }, Duration.ofMinutes(5));
        router.defineQueue(QueuePolicy.builder(QueueId.of("x")).build());
        InteractionId call = router.enqueue(QueueId.of("x"), Channel.CHAT,
                CustomerIdentity.of("visitor"), 0, List.of());
        router.customerLeft(call);
        router.forgetEnded(10);
        s.clock.advance(Duration.ofMinutes(5));
        assertEquals(1, router.forgetEnded(10));
        assertThrows(IllegalArgumentException.class,
                () -> new Router(s.clock, s.scheduler, e -> { }, Duration.ofMinutes(-1)));
    }

    @Test
    void theEngineForgetsOnItsOwnWriterInBoundedStepsThatLetCommandsThrough() {
        List<Runnable> writer = new ArrayList<>();
        RoutingEngine engine = new RoutingEngine(s.clock, s.scheduler, e -> { }, writer::add,
                Duration.ofMinutes(10));
        engine.execute(r -> {
            r.defineQueue(QueuePolicy.builder(q).build());
            for (int i = 0; i < 5; i++) {
                r.customerLeft(r.enqueue(q, Channel.VOICE, CustomerIdentity.of("+1555000" + i), 0, List.of()));
            }
        });
        engine.forgetEndedEvery(Duration.ofMinutes(1), 2);
        runAll(writer);
        s.scheduler.elapse(Duration.ofMinutes(1));
        runAll(writer);
        assertEquals(5, held(engine, writer));

        s.scheduler.elapse(Duration.ofMinutes(10));
        CompletableFuture<Integer> between = engine.submit(r -> r.footprint().interactions());
        runAll(writer);
        assertEquals(3, between.join(), "a command queued behind the first step runs before the second");
        assertEquals(0, held(engine, writer), "the later steps forgot the rest");
        engine.stopReconciling();
    }

    private static int held(RoutingEngine engine, List<Runnable> writer) {
        CompletableFuture<Integer> answer = engine.submit(r -> r.footprint().interactions());
        runAll(writer);
        return answer.join();
    }

    private static void runAll(List<Runnable> writer) {
        while (!writer.isEmpty()) {
            writer.remove(0).run();
        }
    }
}
