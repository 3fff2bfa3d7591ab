package org.parley.time;

import java.time.Instant;

/**
 * Runs a task at a point in time on the injected {@link java.time.Clock}'s time line: ring timeouts, wrap-up ends,
 * maximum waits, SLEE timers. In the server {@link ExecutorScheduler} sits on a managed scheduled executor; tests
 * use a manual one that fires due tasks as the test advances its clock, so no test sleeps.
 */
public interface Scheduler {

    /** Schedules {@code task} for {@code at}; a time already past means "as soon as possible". */
    Timer schedule(Instant at, Runnable task);

    /** A scheduled task that may be called off; cancelling one that already ran does nothing. */
    @FunctionalInterface
    interface Timer {
        void cancel();
    }
}
