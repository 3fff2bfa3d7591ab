package org.parley.media.server;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Drives all media in 20 ms ticks on a small fixed pool of workers (not a thread per call). Each worker owns a set
 * of tasks (endpoints, bridges) and runs them one after another every tick; a task is placed on the least loaded
 * worker. Each tick's lateness (how long after its due time it started) and the share of the 20 ms budget spent
 * working are measured, for the load report that admission control relies on: the working share both in wall time
 * (which also counts the time the worker waited for a core held by other threads, or stood still in a garbage
 * collection) and in the worker's own CPU time (the media's own load, whatever else runs on the machine).
 */
final class MediaClock implements AutoCloseable {

    static final long TICK_NANOS = 20_000_000L;
    /** Lateness samples kept per worker: 25 s of ticks, enough for a stable 99th percentile. */
    private static final int HISTORY = 1250;

    /** Work done on every tick. */
    interface Task {
        void tick();
    }

    /** Five ticks: fresh enough to refuse calls before quality drops, a sort every 100 ms at most. */
    static final long PERCENTILE_REUSE = 5 * TICK_NANOS;

    private final Worker[] workers;
    private final LongSupplier nanoTime;
    private final LongSupplier threadCpuTime;
    private volatile Percentile lastPercentile;

    private record Percentile(double percentile, long value, long at) {
    }

    /**
     * @param nanoTime the monotonic clock ticks are due by
     * @param threadCpuTime the calling thread's CPU time in nanoseconds (see {@link #threadCpuTime()})
     */
    MediaClock(int workerCount, ThreadFactory threads, LongSupplier nanoTime, LongSupplier threadCpuTime) {
        this.nanoTime = nanoTime;
        this.threadCpuTime = threadCpuTime;
        this.workers = new Worker[workerCount];
        for (int i = 0; i < workerCount; i++) {
            workers[i] = new Worker(Executors.newSingleThreadScheduledExecutor(threads));
        }
        // The workers' ticks are spread over the period rather than all due at once: each sends its packets in a
        // burst, and bursts that coincide want every core at the same instant (and leave none for the receive
        // thread), where staggered ones take turns.
        long start = nanoTime.getAsLong() + TICK_NANOS;
        for (int i = 0; i < workerCount; i++) {
            workers[i].start(start + i * TICK_NANOS / workerCount);
        }
    }

    /** Places a task on the worker with the fewest tasks; returns a handle to remove it. */
    Registration register(Task task) {
        Worker best = workers[0];
        for (Worker w : workers) {
            if (w.tasks.size() < best.tasks.size()) {
                best = w;
            }
        }
        Worker owner = best;
        owner.add(task);
        return () -> owner.remove(task);
    }

    /** Removes a registered task. */
    interface Registration {
        void cancel();
    }

    /**
     * The current thread's CPU time from the JVM's thread clock; where the JVM has none, the monotonic clock (and the
     * CPU share then equals the wall-time share).
     */
    static LongSupplier threadCpuTime() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            return System::nanoTime;
        }
        if (!threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        return threads::getCurrentThreadCpuTime;
    }

    /**
     * Average share of the tick spent working in wall time, over the busiest worker (the one that will be late
     * first). It includes the time the worker was runnable but off the CPU.
     */
    double budgetUsed() {
        double max = 0;
        for (Worker w : workers) {
            max = Math.max(max, w.budget);
        }
        return max;
    }

    /** Average share of the tick the busiest worker spent on the CPU: the media's own load. */
    double cpuUsed() {
        double max = 0;
        for (Worker w : workers) {
            max = Math.max(max, w.cpuBudget);
        }
        return max;
    }

    /**
     * Lateness percentile over recent ticks of all workers, in nanoseconds. Admission control asks on every new call,
     * and the answer sorts every worker's history, so it is computed at most once per {@link #PERCENTILE_REUSE}.
     */
    long latenessPercentile(double percentile) {
        Percentile last = lastPercentile;
        long now = nanoTime.getAsLong();
        if (last != null && last.percentile == percentile && now - last.at < PERCENTILE_REUSE) {
            return last.value;
        }
        long value = computeLatenessPercentile(percentile);
        lastPercentile = new Percentile(percentile, value, now);
        return value;
    }

    private long computeLatenessPercentile(double percentile) {
        long[] all = new long[0];
        for (Worker w : workers) {
            long[] h = w.history();
            long[] merged = Arrays.copyOf(all, all.length + h.length);
            System.arraycopy(h, 0, merged, all.length, h.length);
            all = merged;
        }
        if (all.length == 0) {
            return 0;
        }
        Arrays.sort(all);
        int index = (int) Math.min(all.length - 1, Math.ceil(percentile / 100 * all.length) - 1);
        return all[Math.max(0, index)];
    }

    /** Starts the lateness history afresh, e.g. between the steps of a benchmark. */
    void forgetLateness() {
        for (Worker w : workers) {
            w.forget();
        }
        lastPercentile = null;
    }

    long ticks() {
        long n = 0;
        for (Worker w : workers) {
            n += w.ticks;
        }
        return n;
    }

    @Override
    public void close() {
        for (Worker w : workers) {
            w.executor.shutdownNow();
        }
        for (Worker w : workers) {
            try {
                w.executor.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final class Worker {
        private final ScheduledExecutorService executor;
        private final List<Task> tasks = new CopyOnWriteArrayList<>();
        /** What a tick iterates: replaced when tasks change, so ticking allocates nothing. */
        private volatile Task[] current = new Task[0];
        private final long[] lateness = new long[HISTORY];
        private long recorded;
        private volatile long ticks;
        private volatile double budget;
        private volatile double cpuBudget;
        private long due;

        Worker(ScheduledExecutorService executor) {
            this.executor = executor;
        }

        synchronized void add(Task task) {
            tasks.add(task);
            current = tasks.toArray(Task[]::new);
        }

        synchronized void remove(Task task) {
            tasks.remove(task);
            current = tasks.toArray(Task[]::new);
        }

        void start(long firstDue) {
            due = firstDue;
            long delay = Math.max(0, firstDue - nanoTime.getAsLong());
            executor.scheduleAtFixedRate(this::tick, delay, TICK_NANOS, TimeUnit.NANOSECONDS);
        }

        private void tick() {
            long started = nanoTime.getAsLong();
            long cpuStarted = threadCpuTime.getAsLong();
            long late = Math.max(0, started - due);
            due += TICK_NANOS;
            for (Task t : current) {
                try {
                    t.tick();
                } catch (RuntimeException e) {
                    // One broken call must not silence the others on this worker.
                    System.getLogger(MediaClock.class.getName()).log(System.Logger.Level.ERROR,
                        "media task failed on tick", e);
                }
            }
            long worked = nanoTime.getAsLong() - started;
            long cpu = threadCpuTime.getAsLong() - cpuStarted;
            // Exponential averages over about 50 ticks (one second).
            budget += ((double) worked / TICK_NANOS - budget) / 50;
            cpuBudget += ((double) cpu / TICK_NANOS - cpuBudget) / 50;
            synchronized (lateness) {
                lateness[(int) (recorded % HISTORY)] = late;
                recorded++;
            }
            ticks++;
        }

        long[] history() {
            synchronized (lateness) {
                return Arrays.copyOf(lateness, (int) Math.min(recorded, HISTORY));
            }
        }

        void forget() {
            synchronized (lateness) {
                recorded = 0;
            }
        }
    }
}
