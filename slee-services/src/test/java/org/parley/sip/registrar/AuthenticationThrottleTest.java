package org.parley.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.parley.time.ManualClock;

class AuthenticationThrottleTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final AuthenticationThrottle throttle = new AuthenticationThrottle(clock,
            new AuthenticationThrottle.Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(10), 20,
                    Duration.ofMinutes(1), 1_000));

    @Test
    void aFewTyposAreFreeThenEachFailureDoublesTheShutOutUpToTheCeiling() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("192.0.2.1", "1001");
            assertEquals(Optional.empty(), throttle.shutOut("192.0.2.1", "1001"));
        }
        long[] expected = {1, 2, 4, 8, 10, 10};
        for (long seconds : expected) {
            throttle.failed("192.0.2.1", "1001");
            assertEquals(Optional.of(Duration.ofSeconds(seconds)), throttle.shutOut("192.0.2.1", "1001"));
        }
        assertEquals(Optional.empty(), throttle.shutOut("192.0.2.2", "1001"), "another address is not shut out");
        assertEquals(Optional.empty(), throttle.shutOut("192.0.2.1", "1002"), "nor another user from the address");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(Optional.empty(), throttle.shutOut("192.0.2.1", "1001"), "the shut-out ends");
    }

    @Test
    void aSuccessClearsThePairsCount() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("192.0.2.1", "1001");
        }
        throttle.succeeded("192.0.2.1", "1001");
        throttle.failed("192.0.2.1", "1001");
        assertEquals(Optional.empty(), throttle.shutOut("192.0.2.1", "1001"));
    }

    @Test
    void sprayingManyUsernamesFromOneAddressHitsItsCeilingForTheRestOfTheWindow() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("198.51.100.9", "user" + i);
        }
        assertEquals(Optional.empty(), throttle.shutOut("198.51.100.9", "someone-else"));
        throttle.failed("198.51.100.9", "user20");
        assertEquals(Optional.of(Duration.ofMinutes(1)), throttle.shutOut("198.51.100.9", "someone-else"));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Optional.empty(), throttle.shutOut("198.51.100.9", "someone-else"));
    }

    @Test
    void memoryStaysBoundedUnderAFloodOfRandomUsernames() {
        AuthenticationThrottle small = new AuthenticationThrottle(clock, new AuthenticationThrottle.Policy(5,
                Duration.ofSeconds(1), Duration.ofSeconds(10), 1_000_000, Duration.ofMinutes(1), 100));
        for (int i = 0; i < 10_000; i++) {
            small.failed("203.0.113." + (i % 200), "guess-" + i);
        }
        assertTrue(small.tracked() <= 100, "tracked " + small.tracked());
    }
}
