package org.parley.health.internal;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.parley.health.PartHealth;

/**
 * Runs a probe that may hang (a database that stopped answering) with a deadline. While a previous probe is still
 * stuck, no new one is started: the part is reported down at once, so a dead dependency cannot pile up threads.
 */
final class BoundedCheck {

    private final String name;
    private final Duration deadline;
    private final AtomicReference<Future<PartHealth>> running = new AtomicReference<>();

    BoundedCheck(String name, Duration deadline) {
        this.name = name;
        this.deadline = deadline;
    }

    PartHealth run(ExecutorService executor, Callable<PartHealth> probe) {
        Future<PartHealth> previous = running.get();
        if (previous != null && !previous.isDone()) {
            return PartHealth.down(name, "the previous check has had no answer for over " + deadline.toSeconds()
                    + " s");
        }
        Future<PartHealth> future = executor.submit(probe);
        running.set(future);
        try {
            return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return PartHealth.down(name, "no answer within " + deadline.toSeconds() + " s");
        } catch (ExecutionException e) {
            return PartHealth.down(name, e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PartHealth.down(name, "check interrupted");
        }
    }
}
