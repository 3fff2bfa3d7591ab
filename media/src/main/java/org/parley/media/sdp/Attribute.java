package org.parley.media.sdp;

import java.util.Objects;
import java.util.Optional;

/** An {@code a=} line (RFC 4566 section 5.13): a property ({@code a=sendonly}) or a value ({@code a=ptime:20}). */
public record Attribute(String name, Optional<String> value) {

    public Attribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public static Attribute property(String name) {
        return new Attribute(name, Optional.empty());
    }

    public static Attribute of(String name, String value) {
        return new Attribute(name, Optional.of(value));
    }

    String toLine() {
        return "a=" + name + value.map(v -> ":" + v).orElse("");
    }
}
