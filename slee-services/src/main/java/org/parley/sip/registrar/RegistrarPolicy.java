package org.parley.sip.registrar;

import java.time.Duration;
import java.util.Objects;

/**
 * How long bindings may last. {@code defaultExpires} applies when a REGISTER gives neither a Contact
 * {@code expires} parameter nor an Expires header (RFC 3261 §10.2.1.1 suggests 3600 s); shorter non-zero requests
 * than {@code minExpires} get 423 Interval Too Brief; longer ones than {@code maxExpires} are shortened.
 */
public record RegistrarPolicy(Duration minExpires, Duration maxExpires, Duration defaultExpires) {

    /**
     * 60 s minimum so a phone cannot make the registrar work on every keep-alive, one hour default as RFC 3261
     * suggests, two hours maximum so a phone that vanished is forgotten the same day.
     */
    public static final RegistrarPolicy DEFAULT = new RegistrarPolicy(Duration.ofSeconds(60), Duration.ofHours(2),
            Duration.ofHours(1));

    public RegistrarPolicy {
        Objects.requireNonNull(minExpires, "minExpires");
        Objects.requireNonNull(maxExpires, "maxExpires");
        Objects.requireNonNull(defaultExpires, "defaultExpires");
        if (minExpires.isNegative() || maxExpires.compareTo(minExpires) < 0
                || defaultExpires.compareTo(minExpires) < 0 || defaultExpires.compareTo(maxExpires) > 0) {
            throw new IllegalArgumentException("need 0 <= minExpires <= defaultExpires <= maxExpires");
        }
    }
}
