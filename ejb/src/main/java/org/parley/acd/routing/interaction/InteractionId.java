package org.parley.acd.routing.interaction;

import java.util.Objects;
import java.util.UUID;

/** Identifies one interaction across the engine, the event log and the channels (not a SIP Call-ID). */
public record InteractionId(String value) {

    public InteractionId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an interaction id cannot be blank");
        }
    }

    public static InteractionId random() {
        return new InteractionId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
