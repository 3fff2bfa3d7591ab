package org.parley.media.control;

import java.util.Objects;
import java.util.UUID;

/** Identifies a bridge or conference. */
public record BridgeId(String value) {

    public BridgeId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("bridge id must not be blank");
        }
    }

    public static BridgeId random() {
        return new BridgeId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
