package org.parley.time;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on an object's monitor for a condition, with a deadline. */
public final class Monitors {

    private Monitors() {
    }

    /**
     * Waits until {@code done} holds or the timeout passes. Whoever makes it hold calls {@code notifyAll} on
     * {@code monitor} while holding it.
     *
     * @return whether {@code done} held in time
     */
    public static boolean awaitUntil(Object monitor, BooleanSupplier done, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                monitor.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }
}
