package org.parley.acd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.parley.acd.routing.queue.OverflowTarget;
import org.parley.acd.routing.queue.RoutingStrategy;
import org.parley.rule.RuleViolationException;
import org.parley.tenant.TenantId;

/** Each bad queue setting is refused, naming the field the admin has to correct. */
class QueueSettingsTest {

    private static QueueSettings with(Optional<Integer> maxWait, Optional<OverflowTarget.Kind> kind,
            Optional<QueueId> target, List<OpeningSpan> open, Set<LocalDate> holidays) {
        return new QueueSettings(15, 3, maxWait, Optional.empty(), kind, target, List.of(), Optional.empty(), 0,
                Optional.empty(), 0, false, 180, 3, 300, open, holidays);
    }

    private static String field(Runnable r) {
        return assertThrows(RuleViolationException.class, r::run).field();
    }

    @Test
    void limitsMustBePositive() {
        assertEquals("maxWaitSeconds", field(() -> with(Optional.of(0), Optional.of(OverflowTarget.Kind.VOICEMAIL),
                Optional.empty(), List.of(), Set.of())));
        assertEquals("ringTimeoutSeconds", field(() -> new QueueSettings(0, 3, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty(), 0, Optional.empty(), 0, false, 180,
                3, 300, List.of(), Set.of())));
    }

    @Test
    void turningAwayNeedsATargetAndOnlyAQueueTargetNamesAQueue() {
        assertEquals("overflowKind", field(() -> with(Optional.of(60), Optional.empty(), Optional.empty(), List.of(),
                Set.of())));
        assertEquals("overflowKind", field(() -> with(Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                Set.of(LocalDate.of(2026, 12, 25)))));
        assertEquals("overflowQueueId", field(() -> with(Optional.of(60), Optional.of(OverflowTarget.Kind.QUEUE),
                Optional.empty(), List.of(), Set.of())));
        assertEquals("overflowQueueId", field(() -> with(Optional.of(60),
                Optional.of(OverflowTarget.Kind.VOICEMAIL), Optional.of(new QueueId(4)), List.of(), Set.of())));
    }

    @Test
    void openingSpansEndAfterTheyStartAndDoNotOverlap() {
        assertEquals("openHours", field(() -> new OpeningSpan(DayOfWeek.MONDAY, LocalTime.of(17, 0),
                LocalTime.of(9, 0))));
        assertEquals("openHours", field(() -> with(Optional.empty(), Optional.of(OverflowTarget.Kind.VOICEMAIL),
                Optional.empty(), List.of(new OpeningSpan(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(13, 0)),
                        new OpeningSpan(DayOfWeek.MONDAY, LocalTime.of(12, 0), LocalTime.of(17, 0))), Set.of())));
    }

    @Test
    void relaxationStepsHaveValidLevelsAndDistinctTimes() {
        assertEquals("relaxation", field(() -> new RelaxationRule(30, 11)));
        assertEquals("relaxation", field(() -> new QueueSettings(15, 3, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(new RelaxationRule(30, 3), new RelaxationRule(30, 1)),
                Optional.empty(), 0, Optional.empty(), 0, false, 180, 3, 300, List.of(), Set.of())));
    }

    @Test
    void agingNeedsAnIntervalAndARisingStep() {
        assertEquals("agingStep", field(() -> new QueueSettings(15, 3, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), Optional.of(30), 0, Optional.empty(), 0, false, 180, 3,
                300, List.of(), Set.of())));
        assertEquals("agingEverySeconds", field(() -> new QueueSettings(15, 3, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty(), 2, Optional.empty(), 0, false, 180,
                3, 300, List.of(), Set.of())));
    }

    @Test
    void aSavedQueueCannotOverflowToItselfAndKeepsWhatWasSet() throws ReflectiveOperationException {
        Queue queue = new Queue(new TenantId(1), "Sales", RoutingStrategy.LONGEST_IDLE,
                new ServiceLevel(80, Duration.ofSeconds(20)), Duration.ofSeconds(10), Instant.EPOCH);
        var id = Queue.class.getDeclaredField("id");
        id.setAccessible(true);
        id.set(queue, 4L);
        assertEquals(QueueSettings.defaults(), queue.settings(), "a new queue has the engine's defaults");

        assertEquals("overflowQueueId", field(() -> queue.configure(with(Optional.of(60),
                Optional.of(OverflowTarget.Kind.QUEUE), Optional.of(new QueueId(4)), List.of(), Set.of()))));

        QueueSettings closedAtChristmas = with(Optional.of(60), Optional.of(OverflowTarget.Kind.QUEUE),
                Optional.of(new QueueId(5)), List.of(new OpeningSpan(DayOfWeek.FRIDAY, LocalTime.of(8, 0),
                        LocalTime.of(12, 0))), Set.of(LocalDate.of(2026, 12, 25)));
        queue.configure(closedAtChristmas);
        assertEquals(closedAtChristmas, queue.settings());
    }
}
