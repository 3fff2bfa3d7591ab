package org.parley.acd.routing.queue;

import java.util.Objects;

/** Identifies a queue to the router; the admin configuration uses the same value. */
public record QueueId(String value) {

    public QueueId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a queue id cannot be blank");
        }
    }

    public static QueueId of(String value) {
        return new QueueId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
