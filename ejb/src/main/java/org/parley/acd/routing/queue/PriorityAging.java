package org.parley.acd.routing.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * Raises a waiting interaction's priority by {@code step} for every {@code every} it waits, up to {@code ceiling},
 * so low-priority customers are not starved by a steady stream of high-priority ones.
 */
public record PriorityAging(Duration every, int step, int ceiling) {

    private static final PriorityAging NONE = new PriorityAging(Duration.ofDays(3650), 0, Integer.MAX_VALUE);

    public PriorityAging {
        Objects.requireNonNull(every, "every");
        if (every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("aging needs a positive interval");
        }
        if (step < 0) {
            throw new IllegalArgumentException("aging never lowers a priority");
        }
    }

    public static PriorityAging none() {
        return NONE;
    }

    public int effectivePriority(int base, Duration waited) {
        if (step == 0 || waited.isNegative()) {
            return base;
        }
        long steps = waited.toMillis() / every.toMillis();
        long aged = base + steps * step;
        return (int) Math.max(base, Math.min(aged, Math.max(base, ceiling)));
    }
}
