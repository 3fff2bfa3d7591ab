package org.parley.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class ExecutorSchedulerTest {

    @Test
    void runsADueTaskAndCancelsAPendingOne() throws InterruptedException {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            Clock clock = Clock.systemUTC();
            Scheduler scheduler = new ExecutorScheduler(executor, clock);
            CountDownLatch ran = new CountDownLatch(1);
            AtomicBoolean cancelledRan = new AtomicBoolean();

            Scheduler.Timer pending = scheduler.schedule(clock.instant().plus(Duration.ofHours(1)),
                    () -> cancelledRan.set(true));
            scheduler.schedule(clock.instant().minusSeconds(1), ran::countDown);

            assertTrue(ran.await(10, TimeUnit.SECONDS), "a time already past runs at once");
            pending.cancel();
            executor.shutdown();
            assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
            assertFalse(cancelledRan.get());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aCancelledTaskIsNoLongerReachableThroughTheExecutorsQueue() throws InterruptedException {
        // The JDK's own future drops its task on cancel; WildFly's managed one (ManagedFutureTask.task) does not,
        // and keeps it queued until its time. This executor holds on to what it was given in the same way.
        List<Runnable> given = new ArrayList<>();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1) {
            @Override
            protected <V> RunnableScheduledFuture<V> decorateTask(Runnable runnable, RunnableScheduledFuture<V> task) {
                given.add(runnable);
                return task;
            }
        };
        try {
            Scheduler scheduler = new ExecutorScheduler(executor, Clock.systemUTC());
            Runnable task = new Runnable() {
                private final byte[] callState = new byte[1 << 20];

                @Override
                public void run() {
                    callState[0]++;
                }
            };
            WeakReference<Runnable> reference = new WeakReference<>(task);
            Scheduler.Timer timer = scheduler.schedule(Instant.now().plus(Duration.ofHours(1)), task);
            task = null;
            timer.cancel();
            for (int i = 0; i < 50 && reference.get() != null; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertNull(reference.get(), "the cancelled task was collected while its entry is still queued");
            assertEquals(1, given.size());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void manualSchedulerFiresDueTasksInTimeOrderAsTheTestAdvances() {
        ManualClock clock = new ManualClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        ManualScheduler scheduler = new ManualScheduler(clock);
        StringBuilder ran = new StringBuilder();
        scheduler.schedule(clock.instant().plusSeconds(2), () -> ran.append("b"));
        scheduler.schedule(clock.instant().plusSeconds(1), () -> ran.append("a"));
        Scheduler.Timer never = scheduler.schedule(clock.instant().plusSeconds(5), () -> ran.append("c"));
        scheduler.elapse(Duration.ofSeconds(3));
        assertEquals("ab", ran.toString());
        never.cancel();
        scheduler.elapse(Duration.ofSeconds(10));
        assertEquals("ab", ran.toString());
        assertEquals(0, scheduler.pending());
    }
}
