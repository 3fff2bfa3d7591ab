package org.parley.time;

import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs tasks one at a time, in the order they were submitted, on another executor (a managed one in the server),
 * holding no thread between bursts. Single-writer components (a tenant's router, a journal) are built on it.
 */
public final class SerialExecutor implements Executor {

    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());

    private final Executor executor;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Tasks submitted and not yet finished (queued or running). */
    private final AtomicLong unfinished = new AtomicLong();
    private final Object idle = new Object();

    public SerialExecutor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Tasks must not throw; one that does is not retried and the tasks behind it still run. */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        unfinished.incrementAndGet();
        tasks.add(task);
        drainIfIdle();
    }

    /**
     * Waits until every task submitted so far has run, or the timeout passes: a component's shutdown waits here so
     * that what was handed to it is not dropped with it.
     *
     * @return whether every task ran
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return Monitors.awaitUntil(idle, () -> unfinished.get() == 0, timeout);
    }

    /**
     * For a component's {@code @PreDestroy}: waits as {@link #awaitIdle} does and says at ERROR how many of its tasks
     * ({@code what}, e.g. "call step(s)") were left undone.
     */
    public void finish(Duration timeout, String what) {
        try {
            if (!awaitIdle(timeout)) {
                LOG.log(System.Logger.Level.ERROR, unfinished() + " " + what + " could not be handled before shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(System.Logger.Level.ERROR, "interrupted with " + unfinished() + " " + what + " left");
        }
    }

    /** Tasks submitted and not yet finished. */
    public long unfinished() {
        return unfinished.get();
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
                try {
                    next.run();
                } finally {
                    finished();
                }
            }
        } finally {
            draining.set(false);
            // a task may have arrived after the last poll and before the flag was lowered
            if (!tasks.isEmpty()) {
                drainIfIdle();
            }
        }
    }

    private void finished() {
        if (unfinished.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }
}
