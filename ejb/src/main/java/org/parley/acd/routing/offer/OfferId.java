package org.parley.acd.routing.offer;

import java.util.Objects;
import java.util.UUID;

/** Identifies one offer; the desktop or phone answers with it. */
public record OfferId(String value) {

    public OfferId {
        Objects.requireNonNull(value, "value");
    }

    public static OfferId random() {
        return new OfferId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
