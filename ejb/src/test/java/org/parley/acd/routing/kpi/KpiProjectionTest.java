package org.parley.acd.routing.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.parley.acd.routing.RoutingScenario;
import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.agent.PauseReason;
import org.parley.acd.routing.event.RoutingEventType;
import org.parley.acd.routing.interaction.CustomerIdentity;
import org.parley.acd.routing.interaction.InteractionId;
import org.parley.acd.routing.queue.QueueId;

/**
 * A scripted morning through the real router, projected from its events and checked against figures worked out by
 * hand (in the comments). The interval is 09:00–09:30 UTC, T = 20 s, short abandons under 5 s, wrap-up 10 s.
 */
class KpiProjectionTest {

    private static final Instant NINE = RoutingScenario.START;
    private static final Intervals HALF_HOURS = new Intervals(Duration.ofMinutes(30), ZoneOffset.UTC);

    private final RoutingScenario s = new RoutingScenario();
    private final QueueId q = s.queue("support", b -> b.wrapUp(Duration.ofSeconds(10))
            .serviceLevel(0.8, Duration.ofSeconds(20)));

    /** Runs the script; t is seconds after 09:00. */
    private void scriptedMorning() {
        AgentId a1 = s.agent("a1", q);
        AgentId a2 = s.agent("a2", q);
        InteractionId c1 = s.call(q);              // t0: rings a1 (tie on idle time, a1 sorts first)
        InteractionId c2 = s.call(q);              // t0: rings a2
        s.elapseSeconds(5);
        s.answer(a1);                              // t5: c1 answered, waited 5 s (within T)
        s.elapseSeconds(5);
        InteractionId c3 = s.call(q);              // t10: waits
        s.elapseSeconds(3);
        s.router.customerLeft(c3);                 // t13: short abandon (3 s)
        s.elapseSeconds(14);
        s.answer(a2);                              // t27: c2 answered, waited 27 s (late)
        s.elapseSeconds(13);
        InteractionId c4 = s.call(q);              // t40: waits
        s.elapseSeconds(5);
        s.call(q);                                 // t45: c5 waits behind c4
        s.elapseSeconds(20);
        s.router.complete(c1);                     // t65: c1 talk 60 s; a1 wraps up until t75
        s.elapseSeconds(5);
        s.router.customerLeft(c4);                 // t70: abandoned after 30 s (after T)
        s.elapseSeconds(10);                       // t75: a1 free, c5 rings at a1
        s.answer(a1);                              // t80: c5 answered, waited 35 s (late)
        s.elapseSeconds(10);
        s.router.complete(c2);                     // t90: c2 talk 63 s; a2 wraps up until t100
        s.elapseSeconds(110);
        s.router.complete(s.session(a1).connected().iterator().next()); // t200: c5 talk 120 s; wrap to t210
        s.elapseSeconds(100);                      // t300
    }

    @Test
    void queueFiguresMatchTheHandComputedOnes() {
        scriptedMorning();
        QueueKpiProjection projection = new QueueKpiProjection(HALF_HOURS, Duration.ofSeconds(5),
                queue -> Duration.ofSeconds(20));
        projection.applyAll(s.events);

        QueueIntervalReport r = projection.report(q, NINE).orElseThrow();
        assertEquals(5, r.offered());
        assertEquals(3, r.answered());
        assertEquals(1, r.shortAbandons());
        assertEquals(1, r.abandoned());
        // SL = answered within 20 s ÷ (answered + abandoned after 20 s) = 1 ÷ (3 + 1)
        assertEquals(0.25, r.serviceLevel().orElseThrow(), 1e-9);
        // ASA = (5 + 27 + 35) ÷ 3 = 22.333 s
        assertEquals(22_333, r.averageSpeedOfAnswer().orElseThrow().toMillis());
        // AHT = ((60 + 10) + (63 + 10) + (120 + 10)) ÷ 3 = 91 s
        assertEquals(3, r.handled());
        assertEquals(Duration.ofSeconds(91), r.averageHandleTime().orElseThrow());
        // abandon rate = 1 ÷ (5 − 1)
        assertEquals(0.25, r.abandonRate().orElseThrow(), 1e-9);
        assertEquals(List.of(r), projection.reports());
    }

    @Test
    void agentOccupancyMatchesTheHandComputedOne() {
        scriptedMorning();
        AgentOccupancyProjection projection = new AgentOccupancyProjection(HALF_HOURS);
        s.events.forEach(projection::apply);
        Instant until = NINE.plusSeconds(300);

        // a1: handling 60 + 10 + 120 + 10 = 200 s, idle (available or ringing) 5 + 5 + 90 = 100 s
        AgentIntervalReport a1 = projection.report(AgentId.of("a1"), NINE, until).orElseThrow();
        assertEquals(Duration.ofSeconds(200), a1.handling());
        assertEquals(Duration.ofSeconds(100), a1.idle());
        assertEquals(2.0 / 3, a1.occupancy().orElseThrow(), 1e-9);
        // a2: handling 63 + 10 = 73 s, idle 27 + 200 = 227 s
        AgentIntervalReport a2 = projection.report(AgentId.of("a2"), NINE, until).orElseThrow();
        assertEquals(Duration.ofSeconds(73), a2.handling());
        assertEquals(Duration.ofSeconds(227), a2.idle());
        assertEquals(73.0 / 300, a2.utilisation().orElseThrow(), 1e-9);
    }

    @Test
    void eachAgentsOffersAreCountedWithWhatBecameOfThem() {
        scriptedMorning();
        AgentOccupancyProjection projection = new AgentOccupancyProjection(HALF_HOURS);
        s.events.forEach(projection::apply);
        // a1 was rung with c1 and c5 and took both; a2 was rung with c2 at t0, let it ring out at t15 (the ring
        // timeout), was rung with it again and took it at t27
        AgentIntervalReport a1 = projection.report(AgentId.of("a1"), NINE, NINE.plusSeconds(300)).orElseThrow();
        assertEquals(List.of(2, 2, 0, 0), List.of(a1.offered(), a1.accepted(), a1.declined(), a1.missed()));
        AgentIntervalReport a2 = projection.report(AgentId.of("a2"), NINE, NINE.plusSeconds(300)).orElseThrow();
        assertEquals(List.of(2, 1, 0, 1), List.of(a2.offered(), a2.accepted(), a2.declined(), a2.missed()));
    }

    @Test
    void pausedTimeIsSplitByReasonAndMissedAndDeclinedOffersAreCounted() {
        AgentId a1 = s.agent("a1", q);
        InteractionId caller = s.call(q);                       // t0: rings a1
        s.router.decline(s.ringingAt(a1).id());                 // declined; the only agent is rung again
        s.elapseSeconds(15);                                    // t15: rings out (missed); rung a third time
        s.router.customerLeft(caller);                          // t15: that offer is cancelled
        s.router.pause(a1, PauseReason.of("lunch"));
        s.elapseSeconds(600);
        s.router.goReady(a1);                                   // t615
        s.router.pause(a1, PauseReason.of("training"));
        s.elapseSeconds(300);                                   // t915
        AgentOccupancyProjection projection = new AgentOccupancyProjection(HALF_HOURS);
        s.events.forEach(projection::apply);

        AgentIntervalReport r = projection.report(a1, NINE, s.clock.instant()).orElseThrow();
        assertEquals(Map.of("lunch", Duration.ofSeconds(600), "training", Duration.ofSeconds(300)),
                r.pausedByReason());
        assertEquals(Duration.ofSeconds(900), r.paused());
        assertEquals(List.of(3, 0, 1, 1), List.of(r.offered(), r.accepted(), r.declined(), r.missed()), r::toString);
        assertEquals(1, s.eventsOf(RoutingEventType.OFFER_CANCELLED).size(), "the third offer ended when they left");
    }

    @Test
    void aReportCountsTheStateAnAgentWasInBeforeItsFirstIntervalButNotTheTimeBefore() {
        s.agent("a1", q);                                       // available from 09:00
        s.elapse(Duration.ofMinutes(75));                       // 10:15
        AgentOccupancyProjection projection = new AgentOccupancyProjection(HALF_HOURS);
        s.events.forEach(projection::apply);

        List<AgentIntervalReport> rows = projection.reports(NINE.plus(Duration.ofHours(1)), s.clock.instant());
        assertEquals(1, rows.size(), rows::toString);
        assertEquals(NINE.plus(Duration.ofHours(1)), rows.get(0).intervalStart());
        assertEquals(Duration.ofMinutes(15), rows.get(0).idle(), "10:00 to now, though logged in since 09:00");
    }

    @Test
    void redeliveredEventsAreCountedOnce() {
        scriptedMorning();
        QueueKpiProjection once = new QueueKpiProjection(HALF_HOURS, Duration.ofSeconds(5), x -> Duration.ofSeconds(20));
        QueueKpiProjection twice = new QueueKpiProjection(HALF_HOURS, Duration.ofSeconds(5), x -> Duration.ofSeconds(20));
        once.applyAll(s.events);
        twice.applyAll(s.events);
        twice.applyAll(s.events);
        assertEquals(once.reports(), twice.reports());
    }

    @Test
    void aCallbackCountsOnceAndItsWaitRunsFromTheOriginalArrival() {
        InteractionId caller = s.call(q);
        s.elapseSeconds(60);
        s.router.requestCallback(caller, CustomerIdentity.of("+4930111"));
        s.elapseSeconds(60);
        AgentId agent = s.agent("a1", q);
        s.answer(agent);
        QueueKpiProjection projection = new QueueKpiProjection(HALF_HOURS, Duration.ofSeconds(5),
                x -> Duration.ofSeconds(20));
        projection.applyAll(s.events);

        QueueIntervalReport r = projection.report(q, NINE).orElseThrow();
        assertEquals(1, r.offered());
        assertEquals(1, r.answered());
        assertEquals(Optional.of(Duration.ofSeconds(120)), r.averageSpeedOfAnswer());
    }

    @Test
    void aRetriedCallbackIsAnsweredOnceInTheReport() {
        InteractionId caller = s.call(q);
        InteractionId callback = s.router.requestCallback(caller, CustomerIdentity.of("+4930111"));
        AgentId agent = s.agent("a1", q);
        s.answer(agent);
        s.router.callbackNotAnswered(callback);
        s.elapse(Duration.ofMinutes(5));
        s.answer(agent);
        s.elapseSeconds(30);
        s.router.complete(callback);
        QueueKpiProjection projection = new QueueKpiProjection(HALF_HOURS, Duration.ofSeconds(5),
                x -> Duration.ofSeconds(20));
        projection.applyAll(s.events);

        QueueIntervalReport r = projection.report(q, NINE).orElseThrow();
        assertEquals(1, r.offered());
        assertEquals(1, r.answered());
        assertEquals(1, r.handled());
        assertEquals(Optional.of(Duration.ZERO), r.averageSpeedOfAnswer(), "the first attempt was placed at once");
    }

    @Test
    void intervalsFollowTheTenantsWallClockAndSplitAgentTime() {
        Intervals berlin = new Intervals(Duration.ofMinutes(15), ZoneId.of("Europe/Berlin"));
        assertEquals(Instant.parse("2026-11-23T08:45:00Z"), berlin.startOf(Instant.parse("2026-11-23T08:59:59Z")));

        s.agent("a1", q);
        s.elapse(Duration.ofMinutes(45));
        AgentOccupancyProjection projection = new AgentOccupancyProjection(HALF_HOURS);
        s.events.forEach(projection::apply);
        Instant until = s.clock.instant();
        assertEquals(Duration.ofMinutes(30),
                projection.report(AgentId.of("a1"), NINE, until).orElseThrow().idle());
        assertEquals(Duration.ofMinutes(15),
                projection.report(AgentId.of("a1"), NINE.plusSeconds(1800), until).orElseThrow().idle());
        assertTrue(projection.report(AgentId.of("a1"), NINE.plusSeconds(3600), until).isEmpty());
    }
}
