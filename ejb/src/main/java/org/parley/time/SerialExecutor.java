package org.parley.time;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in the order they were submitted, on another executor (a managed one in the server),
 * holding no thread between bursts. Single-writer components (a tenant's router, a journal) are built on it.
 */
public final class SerialExecutor implements Executor {

    private final Executor executor;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    public SerialExecutor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Tasks must not throw; one that does is not retried and the tasks behind it still run. */
    @Override
    public void execute(Runnable task) {
        tasks.add(Objects.requireNonNull(task, "task"));
        drainIfIdle();
    }

    private void drainIfIdle() {
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            Runnable next;
            while ((next = tasks.poll()) != null) {
                next.run();
            }
        } finally {
            draining.set(false);
            // a task may have arrived after the last poll and before the flag was lowered
            if (!tasks.isEmpty()) {
                drainIfIdle();
            }
        }
    }
}
