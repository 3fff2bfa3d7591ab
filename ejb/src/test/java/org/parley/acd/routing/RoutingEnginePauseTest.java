package org.parley.acd.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.agent.AgentState;
import org.parley.acd.routing.agent.ChannelCapacity;
import org.parley.acd.routing.agent.PauseReason;
import org.parley.acd.routing.event.RoutingEvent;
import org.parley.acd.routing.event.RoutingEventType;
import org.parley.acd.routing.interaction.Channel;
import org.parley.acd.routing.interaction.CustomerIdentity;
import org.parley.acd.routing.queue.QueueId;
import org.parley.acd.routing.queue.QueuePolicy;
import org.parley.acd.routing.skill.SkillProfile;
import org.parley.time.ManualClock;
import org.parley.time.ManualScheduler;

/**
 * While the engine's events cannot be recorded it does nothing the log would miss: commands are refused untouched,
 * the router's timers and the reconciler wait, and everything resumes, in order, once there is room again.
 */
class RoutingEnginePauseTest {

    private final ManualClock clock = new ManualClock(RoutingScenario.START);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<RoutingEvent> events = new ArrayList<>();
    private final AtomicBoolean room = new AtomicBoolean(true);
    private final RoutingEngine engine = new RoutingEngine(clock, scheduler, events::add, Runnable::run,
            Router.DEFAULT_RETENTION, room::get);
    private final QueueId q = QueueId.of("support");
    private final AgentId ann = AgentId.of("ann");

    @Test
    void commandsAreRefusedWithoutTouchingTheRouterAndTimersWaitUntilThereIsRoom() {
        engine.execute(r -> {
            r.defineQueue(QueuePolicy.builder(q).ringTimeout(Duration.ofSeconds(15)).build());
            r.addAgent(ann, SkillProfile.none(), ChannelCapacity.standard());
            r.logIn(ann);
            r.assign(ann, q);
            r.enqueue(q, Channel.VOICE, CustomerIdentity.of("+4930555000"), 0, List.of());
        }).join();
        assertEquals(AgentState.RESERVED, state());
        int before = events.size();

        room.set(false);
        CompletionException refused = assertThrows(CompletionException.class,
                () -> engine.execute(r -> r.pause(ann, PauseReason.of("lunch"))).join());
        assertInstanceOf(RoutingPausedException.class, refused.getCause());
        scheduler.elapse(Duration.ofSeconds(20));
        assertEquals(before, events.size(), "the ring timeout waits: its events could not be recorded");

        room.set(true);
        assertEquals(AgentState.RESERVED, state(), "the refused pause changed nothing");
        scheduler.elapse(RoutingEngine.PAUSED_RETRY);
        assertTrue(events.subList(before, events.size()).stream()
                .anyMatch(e -> e.type() == RoutingEventType.OFFER_TIMED_OUT),
                "the ring timeout ran once there was room");
        assertEquals(1, events.stream().filter(e -> e.type() == RoutingEventType.OFFER_TIMED_OUT).count());
    }

    @Test
    void aTimerCancelledWhileItWaitedDoesNotRunLater() {
        engine.execute(r -> {
            r.defineQueue(QueuePolicy.builder(q).ringTimeout(Duration.ofSeconds(15)).build());
            r.addAgent(ann, SkillProfile.none(), ChannelCapacity.standard());
            r.logIn(ann);
            r.assign(ann, q);
            r.enqueue(q, Channel.VOICE, CustomerIdentity.of("+4930555000"), 0, List.of());
        }).join();
        room.set(false);
        scheduler.elapse(Duration.ofSeconds(16));
        room.set(true);
        engine.execute(r -> r.accept(r.ringingOfferAt(ann).orElseThrow().id())).join();

        scheduler.elapse(Duration.ofSeconds(5));
        assertEquals(0, events.stream().filter(e -> e.type() == RoutingEventType.OFFER_TIMED_OUT).count());
        assertEquals(AgentState.BUSY, state());
    }

    @Test
    void theReconcilerSkipsItsPassWhilePaused() {
        engine.execute(r -> {
            r.addAgent(ann, SkillProfile.none(), ChannelCapacity.standard());
            r.logIn(ann);
            r.agent(ann).orElseThrow().reserve(
                    org.parley.acd.routing.interaction.InteractionId.random(), Channel.VOICE, clock.instant());
        }).join();
        engine.reconcileEvery(Duration.ofSeconds(30), new Reconciler());
        room.set(false);
        scheduler.elapse(Duration.ofSeconds(30));
        room.set(true);
        assertEquals(AgentState.RESERVED, state(), "no repair while its event could not be recorded");
        scheduler.elapse(Duration.ofSeconds(30));
        assertEquals(AgentState.AVAILABLE, state());
        engine.stopReconciling();
    }

    private AgentState state() {
        return engine.submit(r -> r.agent(ann).orElseThrow().state()).join();
    }
}
