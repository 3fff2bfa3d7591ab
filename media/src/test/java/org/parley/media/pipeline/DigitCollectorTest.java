package org.parley.media.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.parley.media.control.DigitCollection;
import org.parley.media.control.MediaEvent.CollectionEnd;

class DigitCollectorTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static DigitCollection pin() {
        return new DigitCollection(4, Optional.of('#'), Duration.ofSeconds(5), Duration.ofSeconds(3));
    }

    @Test
    void endsAtMaxDigits() {
        DigitCollector c = new DigitCollector(pin(), T0);
        assertTrue(c.onDigit('1', T0.plusSeconds(1)).isEmpty());
        assertTrue(c.onDigit('2', T0.plusSeconds(2)).isEmpty());
        assertTrue(c.onDigit('3', T0.plusSeconds(3)).isEmpty());
        assertEquals(new DigitCollector.Result("1234", CollectionEnd.MAX_DIGITS),
            c.onDigit('4', T0.plusSeconds(4)).orElseThrow());
        assertTrue(c.onDigit('5', T0.plusSeconds(4)).isEmpty());
    }

    @Test
    void endsAtTerminatorWithoutIt() {
        DigitCollector c = new DigitCollector(pin(), T0);
        c.onDigit('9', T0);
        assertEquals(new DigitCollector.Result("9", CollectionEnd.TERMINATOR), c.onDigit('#', T0).orElseThrow());
    }

    @Test
    void firstAndInterDigitTimeoutsDiffer() {
        DigitCollector silent = new DigitCollector(pin(), T0);
        assertTrue(silent.onTime(T0.plusMillis(4999)).isEmpty());
        assertEquals(CollectionEnd.TIMEOUT, silent.onTime(T0.plusSeconds(5)).orElseThrow().end());

        DigitCollector slow = new DigitCollector(pin(), T0);
        slow.onDigit('7', T0.plusSeconds(4));
        assertTrue(slow.onTime(T0.plusMillis(6999)).isEmpty());
        assertEquals(new DigitCollector.Result("7", CollectionEnd.TIMEOUT), slow.onTime(T0.plusSeconds(7)).orElseThrow());
        assertTrue(slow.cancel().isEmpty());
        assertEquals(CollectionEnd.CANCELLED, new DigitCollector(pin(), T0).cancel().orElseThrow().end());
    }
}
