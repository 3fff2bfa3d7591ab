package org.parley.slee.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * An executor whose tasks run when the test calls {@link #runAll}, on the test's thread; with a capacity it refuses
 * work past that many queued tasks, like a bounded pool.
 */
final class ManualExecutor implements Executor {

    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private final int capacity;

    ManualExecutor() {
        this(Integer.MAX_VALUE);
    }

    ManualExecutor(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized void execute(Runnable task) {
        if (tasks.size() >= capacity) {
            throw new RejectedExecutionException("manual executor full");
        }
        tasks.addLast(task);
    }

    /** Runs tasks, including those they submit, until none is left. */
    void runAll() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.pollFirst();
            }
            if (next == null) {
                return;
            }
            next.run();
        }
    }
}
