package org.parley.sip.registrar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Slows down password guessing. Failed digest checks are counted per (source address, username): after a few in a
 * row, each further failure shuts that pair out for a time that doubles up to a ceiling; a success clears the count.
 * Each source address also has a ceiling on failures per window, high enough for a load test of many users from one
 * host, which stops a spray of guesses over many usernames. Unknown usernames count like known ones, so the answers
 * never reveal which extensions exist.
 *
 * <p>Thread-safe and bounded: when it tracks more than {@link Policy#maxTracked()} pairs, pairs that are not shut
 * out are forgotten first.
 */
public final class AuthenticationThrottle {

    /**
     * @param freeFailures     failures in a row a pair may make before it is shut out (typos happen)
     * @param firstBackoff     how long the first shut-out lasts; each further failure doubles it
     * @param maxBackoff       the longest shut-out
     * @param sourceCeiling    failures one source address may make per {@code sourceWindow} before all of its
     *                         requests are shut out until the window ends
     * @param maxTracked       pairs tracked at most (memory bound under a flood of random usernames)
     */
    public record Policy(int freeFailures, Duration firstBackoff, Duration maxBackoff, int sourceCeiling,
                         Duration sourceWindow, int maxTracked) {

        /**
         * Five tries, then 1 s doubling to 5 min; 2,000 failures a minute per address (a benchmark registering
         * 10,000 users from one host sees none, a wrong password configured on a whole fleet behind one NAT is slowed
         * but not locked out for long).
         */
        public static final Policy DEFAULT = new Policy(5, Duration.ofSeconds(1), Duration.ofMinutes(5), 2_000,
                Duration.ofMinutes(1), 100_000);
    }

    private record Pair(String source, String username) {
    }

    private static final class Failures {
        int inRow;
        Instant blockedUntil = Instant.MIN;
    }

    private static final class SourceWindow {
        Instant start;
        int failures;
        Instant blockedUntil = Instant.MIN;

        SourceWindow(Instant start) {
            this.start = start;
        }
    }

    private final Clock clock;
    private final Policy policy;
    private final ConcurrentMap<Pair, Failures> pairs = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, SourceWindow> sources = new ConcurrentHashMap<>();

    public AuthenticationThrottle(Clock clock, Policy policy) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** How long the pair is still shut out, if it is. */
    public Optional<Duration> shutOut(String source, String username) {
        Instant now = clock.instant();
        Instant until = Instant.MIN;
        Failures f = pairs.get(new Pair(source, username));
        if (f != null) {
            synchronized (f) {
                until = f.blockedUntil;
            }
        }
        SourceWindow w = sources.get(source);
        if (w != null) {
            synchronized (w) {
                if (w.blockedUntil.isAfter(until)) {
                    until = w.blockedUntil;
                }
            }
        }
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    public void failed(String source, String username) {
        Instant now = clock.instant();
        if (pairs.size() >= policy.maxTracked()) {
            forgetIdle(now);
        }
        Failures f = pairs.computeIfAbsent(new Pair(source, username), p -> new Failures());
        synchronized (f) {
            f.inRow++;
            int over = f.inRow - policy.freeFailures();
            if (over > 0) {
                Duration backoff = policy.firstBackoff().multipliedBy(1L << Math.min(over - 1, 30));
                f.blockedUntil = now.plus(backoff.compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : backoff);
            }
        }
        SourceWindow w = sources.computeIfAbsent(source, s -> new SourceWindow(now));
        synchronized (w) {
            if (!now.isBefore(w.start.plus(policy.sourceWindow()))) {
                w.start = now;
                w.failures = 0;
            }
            w.failures++;
            if (w.failures > policy.sourceCeiling()) {
                w.blockedUntil = w.start.plus(policy.sourceWindow());
            }
        }
    }

    public void succeeded(String source, String username) {
        pairs.remove(new Pair(source, username));
    }

    /** Pairs tracked now (for tests and metrics). */
    public int tracked() {
        return pairs.size();
    }

    private void forgetIdle(Instant now) {
        pairs.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return !e.getValue().blockedUntil.isAfter(now);
            }
        });
        sources.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return !e.getValue().blockedUntil.isAfter(now)
                        && !now.isBefore(e.getValue().start.plus(policy.sourceWindow()));
            }
        });
    }
}
