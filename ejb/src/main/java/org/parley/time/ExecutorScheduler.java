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
        ScheduledFuture<?> future = executor.schedule(task, delay, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
