package org.parley.media.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.parley.media.control.DigitCollection;
import org.parley.media.control.MediaEvent.CollectionEnd;

/**
 * Collects digits for one prompt-and-collect: ends at the maximum count, at the terminator, or when the caller
 * stays silent too long, first for the first digit and then between digits. Time comes from the caller so tests
 * need no sleeping. Not thread-safe.
 */
public final class DigitCollector {

    /** The digits collected (without terminator) and why collection ended. */
    public record Result(String digits, CollectionEnd end) {
    }

    private final DigitCollection spec;
    private final StringBuilder digits = new StringBuilder();
    private Instant lastActivity;
    private boolean done;

    public DigitCollector(DigitCollection spec, Instant startedAt) {
        this.spec = spec;
        this.lastActivity = startedAt;
    }

    public Optional<Result> onDigit(char digit, Instant at) {
        if (done) {
            return Optional.empty();
        }
        if (spec.terminator().isPresent() && spec.terminator().get() == digit) {
            return finish(CollectionEnd.TERMINATOR);
        }
        digits.append(digit);
        lastActivity = at;
        if (digits.length() >= spec.maxDigits()) {
            return finish(CollectionEnd.MAX_DIGITS);
        }
        return Optional.empty();
    }

    public Optional<Result> onTime(Instant now) {
        if (done) {
            return Optional.empty();
        }
        Duration wait = digits.length() == 0 ? spec.firstDigitTimeout() : spec.interDigitTimeout();
        if (!now.isBefore(lastActivity.plus(wait))) {
            return finish(CollectionEnd.TIMEOUT);
        }
        return Optional.empty();
    }

    /** Ends collection early, e.g. when the call hangs up or a new collection replaces this one. */
    public Optional<Result> cancel() {
        return done ? Optional.empty() : finish(CollectionEnd.CANCELLED);
    }

    private Optional<Result> finish(CollectionEnd end) {
        done = true;
        return Optional.of(new Result(digits.toString(), end));
    }
}
