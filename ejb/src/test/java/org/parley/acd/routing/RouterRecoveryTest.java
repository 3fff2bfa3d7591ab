package org.parley.acd.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.agent.AgentState;
import org.parley.acd.routing.agent.ChannelCapacity;
import org.parley.acd.routing.agent.PauseReason;
import org.parley.acd.routing.event.EventField;
import org.parley.acd.routing.event.RoutingEvent;
import org.parley.acd.routing.event.RoutingEventType;
import org.parley.acd.routing.interaction.Channel;
import org.parley.acd.routing.interaction.CustomerIdentity;
import org.parley.acd.routing.interaction.Interaction;
import org.parley.acd.routing.interaction.InteractionId;
import org.parley.acd.routing.kpi.Intervals;
import org.parley.acd.routing.kpi.QueueIntervalReport;
import org.parley.acd.routing.kpi.QueueKpiProjection;
import org.parley.acd.routing.queue.QueueId;
import org.parley.acd.routing.skill.RequiredSkill;
import org.parley.acd.routing.skill.SkillProfile;

/**
 * A router stops mid-day (a restart) and a new one picks up from the first one's events: agents' states come back,
 * callbacks keep their place, customers the restart disconnected are closed as such, and the reports stay whole.
 */
class RouterRecoveryTest {

    private static final SkillProfile BILLING = SkillProfile.none().with("billing", 5);

    private final RoutingScenario before = new RoutingScenario();
    private final QueueId sales = before.queue("sales");
    private final AgentId ann = before.agent("ann", BILLING, sales);
    private final AgentId bob = before.agent("bob", BILLING, sales);
    private final AgentId carl = before.agent("carl", BILLING, sales);

    /** The same configuration on a fresh router, a while later; nothing logged in yet. */
    private RoutingScenario restarted() {
        RoutingScenario after = new RoutingScenario();
        after.clock.advance(Duration.between(RoutingScenario.START, before.clock.instant()).plusMinutes(2));
        after.queue("sales");
        for (AgentId a : List.of(ann, bob, carl)) {
            after.router.addAgent(a, BILLING, ChannelCapacity.standard());
            after.router.assign(a, sales);
        }
        return after;
    }

    @Test
    void agentsCallbacksAndDisconnectedCustomersArePickedUpConsistently() {
        before.router.pause(ann, PauseReason.of("lunch"));
        before.router.logOut(carl);
        InteractionId talking = before.call(sales, RequiredSkill.of("billing", 3));
        before.answer(bob);
        before.elapseSeconds(30);
        InteractionId waitingCall = before.call(sales);
        before.elapseSeconds(10);
        InteractionId chat = before.arrive(sales, Channel.CHAT, 0);
        before.elapseSeconds(20);
        InteractionId askedBack = before.call(sales, RequiredSkill.of("billing", 4));
        before.elapseSeconds(5);
        InteractionId callback = before.router.requestCallback(askedBack, CustomerIdentity.of("+33100000009"));
        Interaction original = before.router.interaction(callback).orElseThrow();

        RoutingScenario after = restarted();
        RecoveredState state = RecoveredState.fold(before.events);
        after.router.recover(state);

        assertEquals(AgentState.PAUSED, after.state(ann));
        assertEquals(Optional.of(PauseReason.of("lunch")), after.session(ann).pauseReason());
        assertEquals(AgentState.LOGGED_OUT, after.state(carl));
        Interaction restored = after.router.interaction(callback).orElseThrow();
        assertEquals(original.enqueuedAt(), restored.enqueuedAt(), "the callback keeps its place");
        assertEquals(List.of(RequiredSkill.of("billing", 4)), restored.requiredSkills());
        assertEquals(Optional.of(askedBack), restored.callbackFor());
        assertTrue(after.isRinging(bob), "bob, free again, is offered the callback");
        assertEquals(callback, after.ringingAt(bob).interaction());
        assertTrue(after.router.liveInteractions().contains(restored),
                "the reconciler and the forgetting steps see the restored callback like any other");

        List<RoutingEvent> closed = after.events.stream()
                .filter(e -> e.get(EventField.REASON).filter(Router.RESTARTED::equals).isPresent()).toList();
        assertEquals(Set.of(waitingCall.value(), chat.value()), new HashSet<>(after.fieldOf(
                RoutingEventType.INTERACTION_ABANDONED, EventField.INTERACTION)));
        assertEquals(List.of(talking.value()), after.fieldOf(RoutingEventType.INTERACTION_COMPLETED,
                EventField.INTERACTION));
        assertEquals(3, closed.size());
        long talk = after.eventsOf(RoutingEventType.INTERACTION_COMPLETED).get(0).requireMillis(EventField.TALK_MILLIS);
        assertEquals(Duration.ofSeconds(65).toMillis(), talk, "talk time runs to the previous run's last event");

        // Every interaction of the day has one outcome once the callback is served.
        after.router.accept(after.ringingAt(bob).id());
        after.router.complete(callback);
        List<RoutingEvent> day = new ArrayList<>(before.events);
        day.addAll(after.events);
        QueueKpiProjection kpi = new QueueKpiProjection(new Intervals(Duration.ofDays(1), before.clock.getZone()),
                Duration.ofSeconds(5), q -> Duration.ofSeconds(20));
        kpi.applyAll(day);
        QueueIntervalReport report = kpi.reports().get(0);
        assertEquals(4, report.offered());
        assertEquals(report.offered(), report.answered() + report.abandoned() + report.shortAbandons()
                + report.overflowed());
        assertEquals(2, report.answered(), "the call bob took and the callback");
        assertEquals(2, report.handled());
    }

    @Test
    void aSecondRecoveryFromTheWholeLogFindsNothingLeftOpen() {
        before.call(sales);
        RoutingScenario after = restarted();
        after.router.recover(RecoveredState.fold(before.events));
        List<RoutingEvent> all = new ArrayList<>(before.events);
        all.addAll(after.events);
        RecoveredState again = RecoveredState.fold(all);
        assertTrue(again.interactions().stream().noneMatch(i -> i.channel() != Channel.CALLBACK),
                "the disconnected customers were closed in the log");
    }

    @Test
    void nothingToRecoverChangesNothing() {
        RoutingScenario after = restarted();
        after.router.recover(RecoveredState.nothing());
        assertTrue(after.events.isEmpty());
        assertEquals(AgentState.LOGGED_OUT, after.state(ann));
    }

    @Test
    void requiredSkillsSurviveTheirEventForm() {
        List<RequiredSkill> skills = List.of(RequiredSkill.of("billing", 3), RequiredSkill.of("spanish", 10));
        assertEquals(skills, RequiredSkill.decode(RequiredSkill.encode(skills)));
        assertEquals(List.of(), RequiredSkill.decode(""));
    }
}
