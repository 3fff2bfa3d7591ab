package org.parley.rule;

import java.time.Duration;
import java.util.Objects;

/** The request is sound but cannot be served now; asking again after {@link #retryAfter()} may work. */
public class TemporarilyUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public TemporarilyUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
