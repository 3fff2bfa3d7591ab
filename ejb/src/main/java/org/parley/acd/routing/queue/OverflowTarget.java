package org.parley.acd.routing.queue;

import java.util.Objects;
import java.util.Optional;

/** Where a customer goes when a queue is full or they have waited the maximum: another queue, voicemail, a callback. */
public record OverflowTarget(Kind kind, Optional<QueueId> queue) {

    public enum Kind { QUEUE, VOICEMAIL, CALLBACK }

    public OverflowTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(queue, "queue");
        if ((kind == Kind.QUEUE) != queue.isPresent()) {
            throw new IllegalArgumentException("a queue target, and only a queue target, names a queue");
        }
    }

    public static OverflowTarget toQueue(QueueId queue) {
        return new OverflowTarget(Kind.QUEUE, Optional.of(queue));
    }

    public static OverflowTarget voicemail() {
        return new OverflowTarget(Kind.VOICEMAIL, Optional.empty());
    }

    public static OverflowTarget callback() {
        return new OverflowTarget(Kind.CALLBACK, Optional.empty());
    }

    @Override
    public String toString() {
        return queue.map(q -> "queue " + q).orElse(kind.name().toLowerCase(java.util.Locale.ROOT));
    }
}
