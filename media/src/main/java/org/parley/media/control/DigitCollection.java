package org.parley.media.control;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to collect digits: stop at {@code maxDigits}, at the terminator (which is not part of the result), when
 * no first digit came within {@code firstDigitTimeout}, or when the next one did not come within
 * {@code interDigitTimeout}.
 */
public record DigitCollection(int maxDigits, Optional<Character> terminator, Duration firstDigitTimeout,
                              Duration interDigitTimeout) {

    public DigitCollection {
        if (maxDigits < 1) {
            throw new IllegalArgumentException("maxDigits must be at least 1: " + maxDigits);
        }
        Objects.requireNonNull(terminator, "terminator");
        Objects.requireNonNull(firstDigitTimeout, "firstDigitTimeout");
        Objects.requireNonNull(interDigitTimeout, "interDigitTimeout");
    }

    /** A menu choice: one digit, no terminator, the given wait. */
    public static DigitCollection singleDigit(Duration timeout) {
        return new DigitCollection(1, Optional.empty(), timeout, timeout);
    }
}
