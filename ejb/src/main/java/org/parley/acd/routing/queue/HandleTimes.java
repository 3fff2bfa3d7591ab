package org.parley.acd.routing.queue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The recent handle times of a queue, for estimated waits. A window rather than a day's mean so that the estimate
 * follows the current mix of calls; until the first one completes the queue's expected handle time stands in.
 */
public final class HandleTimes {

    static final int WINDOW = 50;

    private final Duration expected;
    private final Deque<Duration> recent = new ArrayDeque<>();
    private Duration total = Duration.ZERO;

    public HandleTimes(Duration expected) {
        this.expected = expected;
    }

    public void record(Duration handleTime) {
        recent.addLast(handleTime);
        total = total.plus(handleTime);
        if (recent.size() > WINDOW) {
            total = total.minus(recent.removeFirst());
        }
    }

    public Duration average() {
        return recent.isEmpty() ? expected : total.dividedBy(recent.size());
    }
}
