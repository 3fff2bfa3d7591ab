package org.parley.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parley.tenant.TenantId;
import org.parley.time.ManualClock;
import org.parley.time.ManualScheduler;

class WriteBehindEventLogTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-02T09:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<List<DomainEvent>> batches = new ArrayList<>();
    private final List<Runnable> tasks = new ArrayList<>();
    private boolean databaseDown;
    private int seq;

    /** Tasks run when the test says so, so that events pile up as they would behind a busy writer. */
    private final WriteBehindEventLog log = new WriteBehindEventLog(batch -> {
        if (databaseDown) {
            throw new IllegalStateException("database unreachable");
        }
        batches.add(List.copyOf(batch));
    }, tasks::add, scheduler, clock);

    @Test
    void eventsHandedInWhileOneBatchIsWrittenGoTogetherInTheNextInOrder() {
        log.append(event());
        log.append(event());
        log.append(event());
        assertEquals(1, tasks.size(), "one writing task at a time");
        runTasks();
        assertEquals(1, batches.size());
        assertEquals(List.of("e1", "e2", "e3"), batches.get(0).stream().map(e -> e.subjectId()).toList());
        assertEquals(0, log.pending());
        assertEquals(3, log.written());
    }

    @Test
    void aBatchIsAtMostMaxBatchEvents() {
        for (int i = 0; i < WriteBehindEventLog.MAX_BATCH + 7; i++) {
            log.append(event());
        }
        runTasks();
        assertEquals(List.of(WriteBehindEventLog.MAX_BATCH, 7), batches.stream().map(List::size).toList());
    }

    @Test
    void aFailedBatchIsRetriedFirstAndNothingIsLostOrReordered() {
        databaseDown = true;
        log.append(event());
        log.append(event());
        runTasks();
        assertEquals(1, log.failedAttempts());
        log.append(event());
        runTasks();
        assertTrue(batches.isEmpty(), "nothing is written while a retry is pending");
        assertEquals(3, log.pending());

        scheduler.elapse(WriteBehindEventLog.FIRST_RETRY_DELAY);
        runTasks();
        assertEquals(2, log.failedAttempts(), "still down: the retry failed too");

        databaseDown = false;
        scheduler.elapse(WriteBehindEventLog.FIRST_RETRY_DELAY.multipliedBy(2));
        runTasks();
        assertEquals(List.of("e1", "e2", "e3"), batches.stream().flatMap(List::stream).map(e -> e.subjectId()).toList());
        assertEquals(List.of(2, 1), batches.stream().map(List::size).toList(),
                "the failed batch is retried as it was, then what came after");
        assertEquals(0, log.pending());
    }

    @Test
    void theRetryDelayDoublesUpToItsCeiling() {
        databaseDown = true;
        log.append(event());
        runTasks();
        Duration delay = WriteBehindEventLog.FIRST_RETRY_DELAY;
        for (int attempt = 2; attempt <= 12; attempt++) {
            scheduler.elapse(delay.minusMillis(1));
            runTasks();
            assertEquals(attempt - 1, log.failedAttempts(), "not retried before the delay");
            scheduler.elapse(Duration.ofMillis(1));
            runTasks();
            assertEquals(attempt, log.failedAttempts());
            delay = delay.multipliedBy(2).compareTo(WriteBehindEventLog.MAX_RETRY_DELAY) > 0
                    ? WriteBehindEventLog.MAX_RETRY_DELAY : delay.multipliedBy(2);
        }
        assertEquals(WriteBehindEventLog.MAX_RETRY_DELAY, delay);
    }

    @Test
    void flushReturnsOnceEverythingIsWritten() throws InterruptedException {
        log.append(event());
        assertEquals(false, log.flush(Duration.ofMillis(5)));
        runTasks();
        assertEquals(true, log.flush(Duration.ofMillis(5)));
    }

    @Test
    void whileTheDatabaseIsAwayTheBufferStopsAtItsLimitRefusingLoudlyAndLosingNothingItTook() {
        WriteBehindEventLog small = new WriteBehindEventLog(batch -> {
            if (databaseDown) {
                throw new IllegalStateException("database unreachable");
            }
            batches.add(List.copyOf(batch));
        }, tasks::add, scheduler, clock, 20);
        databaseDown = true;
        for (int i = 0; i < 17; i++) {
            small.append(event());
        }
        runTasks();
        assertTrue(small.hasRoom(), "17 of 20: new work may still start");
        small.append(event());
        assertFalse(small.hasRoom(), "18 of 20: the last tenth is kept for work under way");
        small.append(event());
        small.append(event());
        EventLogFullException full = assertThrows(EventLogFullException.class, () -> small.append(event()));
        assertTrue(full.getMessage().contains("e21"), full::getMessage);
        assertEquals(20, small.pending(), "the refused event is not held");
        assertEquals(new EventJournal.Backlog(20, 18, 20, 0, 1), small.backlog());

        databaseDown = false;
        scheduler.elapse(WriteBehindEventLog.FIRST_RETRY_DELAY);
        runTasks();
        assertEquals(0, small.pending());
        assertTrue(small.hasRoom());
        assertEquals(20, small.written());
        assertEquals(java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> "e" + i).toList(),
                batches.stream().flatMap(List::stream).map(DomainEvent::subjectId).toList(),
                "every event taken is written, in order");
        small.append(event());
        runTasks();
        assertEquals(21, small.written(), "it takes events again");
    }

    @Test
    void onceClosedNoRetryRunsAndNothingMoreIsTaken() {
        databaseDown = true;
        log.append(event());
        runTasks();
        assertEquals(1, log.failedAttempts());
        assertEquals(1, log.close(), "closing reports what is left unwritten");

        databaseDown = false;
        scheduler.elapse(WriteBehindEventLog.MAX_RETRY_DELAY);
        runTasks();
        assertTrue(batches.isEmpty(), "the retry scheduled before the close did not write");
        assertEquals(1, log.failedAttempts(), "nor try to");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> log.append(event()));
        assertTrue(refused.getMessage().contains("closed"), refused.getMessage());
        assertEquals(1, log.pending(), "the refused event is not counted");
    }

    @Test
    void aLimitTooSmallToKeepAReserveIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new WriteBehindEventLog(b -> { }, tasks::add, scheduler,
                clock, 9));
    }

    private void runTasks() {
        while (!tasks.isEmpty()) {
            tasks.remove(0).run();
        }
    }

    private DomainEvent event() {
        seq++;
        return DomainEvent.of(new TenantId(1), clock.instant(), "acd.Test", "test", "e" + seq, "acd", Map.of());
    }
}
