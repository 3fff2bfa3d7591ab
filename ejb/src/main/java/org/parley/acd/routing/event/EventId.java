package org.parley.acd.routing.event;

import java.util.Objects;
import java.util.UUID;

/** Unique per event, so that a redelivered event is recognised and applied once. */
public record EventId(String value) {

    public EventId {
        Objects.requireNonNull(value, "value");
    }

    public static EventId random() {
        return new EventId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
