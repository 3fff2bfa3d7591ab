package org.parley.acd.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.agent.AgentSession;
import org.parley.acd.routing.agent.AgentState;
import org.parley.acd.routing.agent.ChannelCapacity;
import org.parley.acd.routing.event.RoutingEvent;
import org.parley.acd.routing.event.RoutingEventType;
import org.parley.acd.routing.interaction.Channel;
import org.parley.acd.routing.interaction.CustomerIdentity;
import org.parley.acd.routing.interaction.InteractionId;
import org.parley.acd.routing.offer.Offer;
import org.parley.acd.routing.offer.OfferOutcome;
import org.parley.acd.routing.queue.QueueId;
import org.parley.acd.routing.queue.QueuePolicy;
import org.parley.acd.routing.skill.SkillProfile;
import org.parley.time.ManualClock;
import org.parley.time.ManualScheduler;

/** The engine is the router's single writer: concurrent callers never see or cause a half-applied step. */
class RoutingEngineTest {

    private final ManualClock clock = new ManualClock(RoutingScenario.START);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<RoutingEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService writerPool = Executors.newFixedThreadPool(2);
    private final ExecutorService callers = Executors.newFixedThreadPool(4);
    private final RoutingEngine engine = new RoutingEngine(clock, scheduler, events::add, writerPool);
    private final QueueId q = QueueId.of("support");

    @AfterEach
    void stopThreads() throws InterruptedException {
        callers.shutdownNow();
        writerPool.shutdownNow();
        assertTrue(writerPool.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void commandsFromManyThreadsRunOneAtATime() {
        int[] unguarded = new int[1];
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            all.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 2_000; i++) {
                    engine.execute(r -> unguarded[0]++);
                }
            }, callers));
        }
        all.forEach(CompletableFuture::join);
        assertEquals(8_000, engine.submit(r -> unguarded[0]).join());
    }

    @Test
    void aRefusedCommandFailsItsFutureAndTheEngineCarriesOn() {
        CompletableFuture<Void> refused = engine.execute(r -> r.goReady(AgentId.of("nobody")));
        CompletionException e = assertThrows(CompletionException.class, refused::join);
        assertInstanceOf(UnknownAgentException.class, e.getCause());
        assertEquals(0, engine.submit(r -> r.agents().size()).join());
    }

    @Test
    void timersRunOnTheWriterToo() {
        setUp(1);
        InteractionId call = engine.submit(r -> r.enqueue(q, Channel.VOICE, CustomerIdentity.of("+1"), 0,
                List.of())).join();
        scheduler.elapse(Duration.ofSeconds(15));
        List<Offer> offers = engine.submit(r -> r.offersOf(call)).join();
        assertEquals(OfferOutcome.TIMED_OUT, offers.get(0).outcome());
    }

    @Test
    void thePeriodicReconcilerRepairsAGhostReservationOnTheWriter() {
        setUp(1);
        AgentId agent = AgentId.of("a0");
        engine.reconcileEvery(Duration.ofSeconds(30), new Reconciler());
        engine.execute(r -> r.agent(agent).orElseThrow().reserve(InteractionId.random(), Channel.VOICE,
                clock.instant())).join();

        scheduler.elapse(Duration.ofSeconds(30));

        assertEquals(AgentState.AVAILABLE,
                engine.submit(r -> r.agent(agent).orElseThrow().state()).join());
        assertEquals(1, events.stream().filter(e -> e.type() == RoutingEventType.INVARIANT_REPAIRED).count());
        engine.stopReconciling();
        scheduler.elapse(Duration.ofSeconds(60));
        engine.submit(r -> null).join();
        assertEquals(0, scheduler.pending(), "stopping ends the chain");
    }

    @Test
    void concurrentArrivalsAnswersAndHangUpsNeverDoubleBookAnAgent() {
        setUp(10);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int caller = t;
            all.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 100; i++) {
                    int n = i;
                    InteractionId id = engine.submit(r -> r.enqueue(q, n % 3 == 0 ? Channel.CHAT : Channel.VOICE,
                            CustomerIdentity.of("c" + caller), 0, List.of())).join();
                    engine.execute(r -> {
                        for (AgentSession a : r.agents()) {
                            r.ringingOfferAt(a.id()).ifPresent(o -> {
                                if ((n + caller) % 4 == 0) {
                                    r.decline(o.id());
                                } else {
                                    r.accept(o.id());
                                }
                            });
                        }
                    });
                    if (n % 5 == 0) {
                        engine.execute(r -> r.customerLeft(id));
                    }
                }
            }, callers));
        }
        all.forEach(CompletableFuture::join);

        List<String> problems = engine.submit(r -> {
            List<String> found = new ArrayList<>();
            Set<InteractionId> connected = new HashSet<>();
            for (AgentSession a : r.agents()) {
                if (r.offerBook().ringingAt(a.id()).size() > 1) {
                    found.add(a.id() + " holds several leases");
                }
                for (InteractionId i : a.connected()) {
                    if (!connected.add(i)) {
                        found.add(i + " is connected to two agents");
                    }
                }
                a.openByChannel().forEach((channel, open) -> {
                    if (open > a.capacity().limit(channel)) {
                        found.add(a.id() + " is over capacity on " + channel);
                    }
                });
            }
            for (InteractionId i : connected) {
                if (r.offerBook().of(i).stream().filter(o -> o.outcome() == OfferOutcome.ACCEPTED).count() != 1) {
                    found.add(i + " was accepted more than once");
                }
            }
            new Reconciler().reconcile(r).forEach(v -> found.add(v.toString()));
            return found;
        }).join();
        assertEquals(List.of(), problems);
        assertEquals(400, events.stream().filter(e -> e.type() == RoutingEventType.INTERACTION_QUEUED).count());
    }

    private void setUp(int agents) {
        engine.execute(r -> {
            r.defineQueue(QueuePolicy.builder(q).build());
            for (int i = 0; i < agents; i++) {
                AgentId id = AgentId.of("a" + i);
                r.addAgent(id, SkillProfile.none(), ChannelCapacity.standard());
                r.logIn(id);
                r.assign(id, q);
            }
        }).join();
    }
}
