package org.parley.acd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.parley.acd.OpeningSpan;
import org.parley.acd.Queue;
import org.parley.acd.QueueSettings;
import org.parley.acd.RelaxationRule;
import org.parley.acd.ServiceLevel;
import org.parley.acd.internal.RouterDirectory.QueueEntry;
import org.parley.acd.routing.RoutingScenario;
import org.parley.acd.routing.agent.MixingRule;
import org.parley.acd.routing.event.EventField;
import org.parley.acd.routing.event.RoutingEventType;
import org.parley.acd.routing.interaction.InteractionStatus;
import org.parley.acd.routing.queue.OverflowTarget;
import org.parley.acd.routing.queue.PriorityAging;
import org.parley.acd.routing.queue.QueueId;
import org.parley.acd.routing.queue.QueuePolicy;
import org.parley.acd.routing.queue.RoutingStrategy;
import org.parley.acd.routing.skill.RelaxationStep;
import org.parley.tenant.TenantId;

/** The admin's queue settings as the engine's {@link QueuePolicy}: defaults unchanged, every setting carried over. */
class RouterDirectoryPolicyTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Queue queue(long id, QueueSettings settings) {
        Queue queue = new Queue(new TenantId(1), "q" + id, RoutingStrategy.LONGEST_IDLE,
                new ServiceLevel(80, Duration.ofSeconds(20)), Duration.ofSeconds(10), Instant.EPOCH);
        try {
            Field f = Queue.class.getDeclaredField("id");
            f.setAccessible(true);
            f.set(queue, id);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        queue.configure(settings);
        return queue;
    }

    private static QueueSettings settings(Optional<Integer> maxWait, Optional<Integer> maxSize,
            Optional<OverflowTarget.Kind> kind, Optional<Long> overflowQueue, List<OpeningSpan> open,
            Set<LocalDate> holidays) {
        return new QueueSettings(15, 3, maxWait, maxSize, kind, overflowQueue.map(org.parley.acd.QueueId::new),
                List.of(), Optional.empty(), 0, Optional.empty(), 0, false, 180, 3, 300, open, holidays);
    }

    @Test
    void aQueueNeverConfiguredGetsTheEnginesDefaults() {
        QueuePolicy engine = QueuePolicy.builder(QueueId.of("7")).wrapUp(Duration.ofSeconds(10)).build();
        QueuePolicy mapped = RouterDirectory.policy(queue(7, QueueSettings.defaults()), BERLIN);

        assertEquals(engine.ringTimeout(), mapped.ringTimeout());
        assertEquals(engine.missedOffersBeforePause(), mapped.missedOffersBeforePause());
        assertEquals(engine.maxWait(), mapped.maxWait());
        assertEquals(engine.maxSize(), mapped.maxSize());
        assertEquals(engine.overflow(), mapped.overflow());
        assertEquals(engine.relaxation().steps(), mapped.relaxation().steps());
        assertEquals(engine.aging(), mapped.aging());
        assertEquals(engine.mixing(), mapped.mixing());
        assertEquals(engine.expectedHandleTime(), mapped.expectedHandleTime());
        assertEquals(engine.callbackAttempts(), mapped.callbackAttempts());
        assertEquals(engine.callbackRetryDelay(), mapped.callbackRetryDelay());
        assertTrue(mapped.openHours().isAlways());
    }

    @Test
    void everySettingReachesThePolicy() {
        QueueSettings s = new QueueSettings(25, 5, Optional.of(120), Optional.of(8),
                Optional.of(OverflowTarget.Kind.QUEUE), Optional.of(new org.parley.acd.QueueId(9)),
                List.of(new RelaxationRule(60, 1), new RelaxationRule(30, 3)), Optional.of(10), 2, Optional.of(50),
                1, true, 240, 4, 600, List.of(), Set.of());
        QueuePolicy p = RouterDirectory.policy(queue(7, s), BERLIN);

        assertEquals(Duration.ofSeconds(25), p.ringTimeout());
        assertEquals(5, p.missedOffersBeforePause());
        assertEquals(Optional.of(Duration.ofSeconds(120)), p.maxWait());
        assertEquals(8, p.maxSize().getAsInt());
        assertEquals(Optional.of(OverflowTarget.toQueue(QueueId.of("9"))), p.overflow());
        assertEquals(List.of(new RelaxationStep(Duration.ofSeconds(30), 3), new RelaxationStep(Duration.ofSeconds(60),
                1)), p.relaxation().steps());
        assertEquals(new PriorityAging(Duration.ofSeconds(10), 2, 50), p.aging());
        assertEquals(new MixingRule(1, true), p.mixing());
        assertEquals(Duration.ofSeconds(240), p.expectedHandleTime());
        assertEquals(4, p.callbackAttempts());
        assertEquals(Duration.ofSeconds(600), p.callbackRetryDelay());
        assertTrue(p.openHours().isAlways());
    }

    @Test
    void openHoursAreInTheTenantsZoneAndHolidaysCloseAllDay() {
        QueueSettings s = settings(Optional.empty(), Optional.empty(), Optional.of(OverflowTarget.Kind.VOICEMAIL),
                Optional.empty(), List.of(new OpeningSpan(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))),
                Set.of(LocalDate.of(2026, 11, 30)));
        QueuePolicy p = RouterDirectory.policy(queue(7, s), BERLIN);

        assertEquals(Optional.of(OverflowTarget.voicemail()), p.overflow());
        // Monday 23 November 2026: Berlin is UTC+1.
        assertFalse(p.openHours().isOpenAt(Instant.parse("2026-11-23T07:30:00Z")), "08:30 in Berlin");
        assertTrue(p.openHours().isOpenAt(Instant.parse("2026-11-23T08:30:00Z")), "09:30 in Berlin");
        assertFalse(p.openHours().isOpenAt(Instant.parse("2026-11-23T16:30:00Z")), "17:30 in Berlin");
        assertFalse(p.openHours().isOpenAt(Instant.parse("2026-11-24T10:00:00Z")), "no span on Tuesday");
        assertFalse(p.openHours().isOpenAt(Instant.parse("2026-11-30T10:00:00Z")), "a Monday that is a holiday");
    }

    @Test
    void holidaysAloneLeaveEveryOtherDayOpenAroundTheClock() {
        QueueSettings s = settings(Optional.empty(), Optional.empty(), Optional.of(OverflowTarget.Kind.CALLBACK),
                Optional.empty(), List.of(), Set.of(LocalDate.of(2026, 12, 25)));
        QueuePolicy p = RouterDirectory.policy(queue(7, s), BERLIN);

        assertFalse(p.openHours().isOpenAt(Instant.parse("2026-12-24T23:30:00Z")), "00:30 Berlin on the 25th");
        assertFalse(p.openHours().isOpenAt(Instant.parse("2026-12-25T12:00:00Z")));
        assertTrue(p.openHours().isOpenAt(Instant.parse("2026-12-26T00:00:00Z")), "01:00 Berlin on the 26th");
        assertTrue(p.openHours().isOpenAt(Instant.parse("2026-12-24T03:00:00Z")));
    }

    @Test
    void aFullQueueSendsTheNextCustomerToItsOverflowQueueInTheRunningRouter() {
        RoutingScenario s = new RoutingScenario();
        QueueEntry first = RouterDirectory.entry(queue(1, settings(Optional.empty(), Optional.of(1),
                Optional.of(OverflowTarget.Kind.QUEUE), Optional.of(2L), List.of(), Set.of())), BERLIN);
        QueueEntry second = RouterDirectory.entry(queue(2, QueueSettings.defaults()), BERLIN);
        new RouterDirectory(List.of(), List.of(first, second), Set.of()).applyTo(s.router);

        var waiting = s.call(QueueId.of("1"));
        var turnedAway = s.call(QueueId.of("1"));

        assertEquals(List.of(waiting), s.router.line(QueueId.of("1")).stream().map(i -> i.id()).toList());
        assertEquals(List.of(turnedAway), s.router.line(QueueId.of("2")).stream().map(i -> i.id()).toList());
        assertEquals(List.of("queue full"), s.fieldOf(RoutingEventType.INTERACTION_OVERFLOWED, EventField.REASON));
    }

    @Test
    void aClosedQueueTurnsArrivalsAwayToItsOverflowTarget() {
        RoutingScenario s = new RoutingScenario();
        // The scenario starts Monday 23 November 2026 09:00 UTC, 10:00 in Berlin: open only from 11:00.
        QueueEntry closed = RouterDirectory.entry(queue(1, settings(Optional.empty(), Optional.empty(),
                Optional.of(OverflowTarget.Kind.VOICEMAIL), Optional.empty(),
                List.of(new OpeningSpan(DayOfWeek.MONDAY, LocalTime.of(11, 0), LocalTime.of(17, 0))), Set.of())),
                BERLIN);
        new RouterDirectory(List.of(), List.of(closed), Set.of()).applyTo(s.router);

        var early = s.call(QueueId.of("1"));
        assertEquals(InteractionStatus.OVERFLOWED, s.router.interaction(early).orElseThrow().status());
        assertEquals(List.of("closed"), s.fieldOf(RoutingEventType.INTERACTION_OVERFLOWED, EventField.REASON));

        s.elapse(Duration.ofHours(1));
        var inTime = s.call(QueueId.of("1"));
        assertEquals(InteractionStatus.WAITING, s.router.interaction(inTime).orElseThrow().status());
    }
}
