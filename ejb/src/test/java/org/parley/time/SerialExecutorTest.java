package org.parley.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    @Test
    void tasksFromManyThreadsRunOneAtATimeInSubmissionOrderPerSubmitter() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SerialExecutor serial = new SerialExecutor(pool);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            List<List<Integer>> seen = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                seen.add(new ArrayList<>());
            }
            int perSubmitter = 2_000;
            CountDownLatch done = new CountDownLatch(4 * perSubmitter);
            Thread[] submitters = new Thread[4];
            for (int s = 0; s < 4; s++) {
                int submitter = s;
                submitters[s] = new Thread(() -> {
                    for (int i = 0; i < perSubmitter; i++) {
                        int n = i;
                        serial.execute(() -> {
                            if (running.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            seen.get(submitter).add(n);
                            running.decrementAndGet();
                            done.countDown();
                        });
                    }
                });
                submitters[s].start();
            }
            for (Thread t : submitters) {
                t.join();
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
            assertEquals(0, overlaps.get(), "never two tasks at once");
            for (List<Integer> order : seen) {
                assertEquals(perSubmitter, order.size());
                for (int i = 0; i < perSubmitter; i++) {
                    assertEquals(i, order.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void awaitIdleReturnsOnceEverySubmittedTaskHasRunAndNotBefore() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            SerialExecutor serial = new SerialExecutor(pool);
            assertTrue(serial.awaitIdle(Duration.ZERO), "nothing submitted: idle at once");
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger ran = new AtomicInteger();
            serial.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ran.incrementAndGet();
            });
            for (int i = 0; i < 100; i++) {
                serial.execute(ran::incrementAndGet);
            }
            assertFalse(serial.awaitIdle(Duration.ofMillis(50)), "the first task is held");
            assertEquals(101, serial.unfinished());
            release.countDown();
            assertTrue(serial.awaitIdle(Duration.ofSeconds(30)));
            assertEquals(101, ran.get(), "every task ran before awaitIdle returned");
            assertEquals(0, serial.unfinished());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTaskThatThrowsStillCountsAsFinished() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            SerialExecutor serial = new SerialExecutor(pool);
            AtomicInteger ran = new AtomicInteger();
            serial.execute(() -> {
                throw new IllegalStateException("a task broke its contract");
            });
            serial.execute(ran::incrementAndGet);
            assertTrue(serial.awaitIdle(Duration.ofSeconds(30)));
            assertEquals(1, ran.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
