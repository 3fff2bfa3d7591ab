package org.parley.health;

import java.util.Objects;

/** One part's state and, when it is down, why (safe to show: no credentials, no stack traces). */
public record PartHealth(String name, boolean up, String detail) {

    public PartHealth {
        Objects.requireNonNull(name);
        Objects.requireNonNull(detail);
    }

    public static PartHealth up(String name, String detail) {
        return new PartHealth(name, true, detail);
    }

    public static PartHealth down(String name, String detail) {
        return new PartHealth(name, false, detail);
    }
}
