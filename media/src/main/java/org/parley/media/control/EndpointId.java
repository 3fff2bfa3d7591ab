package org.parley.media.control;

import java.util.Objects;
import java.util.UUID;

/** Identifies an endpoint across the control API and its events. */
public record EndpointId(String value) {

    public EndpointId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("endpoint id must not be blank");
        }
    }

    public static EndpointId random() {
        return new EndpointId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
