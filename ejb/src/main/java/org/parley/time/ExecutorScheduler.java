package org.parley.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The production scheduler: wraps a {@link ScheduledExecutorService}, in WildFly the container's
 * {@code ManagedScheduledExecutorService}, so that no thread is created by the application. The delay is measured
 * on the clock the callers read their times from.
 */
public final class ExecutorScheduler implements Scheduler {

    private final ScheduledExecutorService executor;
    private final Clock clock;

    public ExecutorScheduler(ScheduledExecutorService executor, Clock clock) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Timer schedule(Instant at, Runnable task) {
        long delay = Math.max(0, Duration.between(clock.instant(), at).toNanos());
        Releasable releasable = new Releasable(task);
        ScheduledFuture<?> future = executor.schedule(releasable, delay, TimeUnit.NANOSECONDS);
        return () -> {
            future.cancel(false);
            releasable.release();
        };
    }

    /**
     * The task as the executor holds it. A cancelled task stays in a {@code ScheduledThreadPoolExecutor}'s queue
     * until its time unless the executor removes on cancel, which the container's executor does not, and it is
     * shared, so its policy is not ours to change. Cancelling therefore drops the reference to the task: a SIP
     * call's 32 s ACK timer, cancelled when the ACK comes, no longer keeps the whole call reachable for 32 s.
     */
    private static final class Releasable implements Runnable {

        private volatile Runnable task;

        Releasable(Runnable task) {
            this.task = Objects.requireNonNull(task, "task");
        }

        @Override
        public void run() {
            Runnable current = task;
            if (current != null) {
                current.run();
            }
        }

        void release() {
            task = null;
        }
    }
}
