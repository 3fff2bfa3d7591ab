package org.parley.media.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The media clock on real threads and wall-clock time, so an integration test rather than a unit test. */
class MediaClockIT {

    @Test
    void ticksEvery20MillisecondsAndSpreadsTasksOverWorkers() throws Exception {
        try (MediaClock clock = new MediaClock(2, Executors.defaultThreadFactory(), System::nanoTime,
            MediaClock.threadCpuTime())) {
            AtomicInteger a = new AtomicInteger();
            AtomicInteger b = new AtomicInteger();
            CountDownLatch ten = new CountDownLatch(10);
            AtomicLong threadA = new AtomicLong();
            AtomicLong threadB = new AtomicLong();
            clock.register(() -> {
                a.incrementAndGet();
                threadA.set(Thread.currentThread().getId());
                ten.countDown();
            });
            MediaClock.Registration rb = clock.register(() -> {
                b.incrementAndGet();
                threadB.set(Thread.currentThread().getId());
            });
            long start = System.nanoTime();
            assertTrue(ten.await(2, TimeUnit.SECONDS));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            // Ten ticks take about 200 ms; far less would mean a busy loop, far more a stalled clock.
            assertTrue(elapsedMs >= 150 && elapsedMs < 3000, "10 ticks in " + elapsedMs + " ms");
            assertTrue(threadA.get() != threadB.get(), "two tasks on two workers");
            rb.cancel();
            int bAfterCancel = b.get();
            Thread.sleep(100);
            assertTrue(b.get() <= bAfterCancel + 1, "a cancelled task stops ticking");
            assertTrue(a.get() > 10);
        }
    }

    @Test
    void measuresLatenessAndBudgetOfSlowTicks() throws Exception {
        try (MediaClock clock = new MediaClock(1, Executors.defaultThreadFactory(), System::nanoTime,
            MediaClock.threadCpuTime())) {
            CountDownLatch done = new CountDownLatch(30);
            // 30 ms of work in a 20 ms tick: every tick starts later than the one before.
            clock.register(() -> {
                long until = System.nanoTime() + 30_000_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                done.countDown();
            });
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertTrue(clock.latenessPercentile(99) > 100_000_000L,
                "p99 lateness " + clock.latenessPercentile(99) / 1e6 + " ms");
            assertTrue(clock.budgetUsed() > 0.5, "budget " + clock.budgetUsed());
        }
    }

    @Test
    void aTickThatWaitsCountsInWallTimeButNotAsCpu() throws Exception {
        try (MediaClock clock = new MediaClock(1, Executors.defaultThreadFactory(), System::nanoTime,
            MediaClock.threadCpuTime())) {
            CountDownLatch done = new CountDownLatch(100);
            // 12 ms asleep in each 20 ms tick: as a worker preempted by other threads looks, without the CPU use.
            clock.register(() -> {
                try {
                    Thread.sleep(12);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertTrue(clock.budgetUsed() > 0.4, "wall share " + clock.budgetUsed());
            assertTrue(clock.cpuUsed() < 0.2, "CPU share " + clock.cpuUsed());
        }
    }

    /**
     * An idle clock keeps ticking. How little of the tick it uses and how late it runs are figures of the machine
     * (a preempted thread on a busy CI host looks late and busy), so they are measured by BridgeBenchmark, not here.
     */
    @Test
    void idleClockKeepsTicking() throws Exception {
        try (MediaClock clock = new MediaClock(1, Executors.defaultThreadFactory(), System::nanoTime,
            MediaClock.threadCpuTime())) {
            CountDownLatch done = new CountDownLatch(20);
            clock.register(done::countDown);
            assertTrue(done.await(5, TimeUnit.SECONDS));
            // The twentieth tick has run our task but may not have counted itself yet.
            assertTrue(clock.ticks() >= 19);
        }
    }
}
