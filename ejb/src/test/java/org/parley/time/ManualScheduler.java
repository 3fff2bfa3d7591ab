package org.parley.time;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * Fires due tasks, in time order, as the test advances the clock; a task that schedules another one inside the
 * advanced span sees it fire too. Nothing runs on its own, so tests never sleep.
 */
public final class ManualScheduler implements Scheduler {

    private final ManualClock clock;
    private final PriorityQueue<Entry> due = new PriorityQueue<>();
    private long sequence;

    private final class Entry implements Comparable<Entry>, Timer {
        final Instant at;
        final long order;
        final Runnable task;
        boolean cancelled;

        Entry(Instant at, long order, Runnable task) {
            this.at = at;
            this.order = order;
            this.task = task;
        }

        @Override
        public int compareTo(Entry other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }

        @Override
        public void cancel() {
            synchronized (ManualScheduler.this) {
                cancelled = true;
            }
        }
    }

    public ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Timer schedule(Instant at, Runnable task) {
        Entry entry = new Entry(at, sequence++, task);
        due.add(entry);
        return entry;
    }

    /** Moves time forward by {@code span}, running every task that falls due on the way at its own time. */
    public void elapse(Duration span) {
        Instant end = clock.instant().plus(span);
        while (true) {
            Entry next;
            synchronized (this) {
                next = due.peek();
                if (next == null || next.at.isAfter(end)) {
                    break;
                }
                due.poll();
                if (next.cancelled) {
                    continue;
                }
            }
            if (next.at.isAfter(clock.instant())) {
                clock.set(next.at);
            }
            next.task.run();
        }
        clock.set(end);
    }

    public synchronized long pending() {
        return due.stream().filter(e -> !e.cancelled).count();
    }
}
