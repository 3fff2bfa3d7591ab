package org.parley.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.parley.time.ManualClock;

class CachedDigestSecretsTest {

    private static final String REALM = "tenant.example";
    private static final Ha1 MD5 = Ha1.of(DigestAlgorithm.MD5, "1001", REALM, "secret");
    private static final Ha1 SHA = Ha1.of(DigestAlgorithm.SHA_256, "1001", REALM, "secret");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final Deque<Runnable> queued = new ArrayDeque<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final CachedDigestSecrets secrets = new CachedDigestSecrets(clock, Duration.ofSeconds(30),
            Duration.ofSeconds(5), queued::add, (realm, username) -> {
                lookups.incrementAndGet();
                return "1001".equals(username) ? List.of(MD5, SHA) : List.of();
            });

    @Test
    void answersOnlyFromMemoryAndLoadsOnTheLookupExecutor() {
        assertFalse(secrets.holds("1001", REALM));
        assertEquals(Optional.empty(), secrets.ha1("1001", REALM, DigestAlgorithm.MD5));
        CompletionStage<Void> loaded = secrets.load("1001", REALM);
        assertEquals(0, lookups.get(), "nothing ran on the caller's thread");
        queued.poll().run();
        assertTrue(loaded.toCompletableFuture().isDone());
        assertTrue(secrets.holds("1001", "TENANT.example"));
        assertEquals(Optional.of(SHA), secrets.ha1("1001", REALM, DigestAlgorithm.SHA_256));
    }

    @Test
    void concurrentLoadsOfOneUserShareOneLookup() {
        CompletionStage<Void> first = secrets.load("1001", REALM);
        assertSame(first, secrets.load("1001", REALM));
        assertEquals(1, queued.size());
    }

    @Test
    void entriesExpireKnownAfterTheirTimeToLiveUnknownSooner() {
        secrets.load("1001", REALM);
        secrets.load("4711", REALM);
        queued.forEach(Runnable::run);
        assertTrue(secrets.holds("4711", REALM));
        clock.advance(Duration.ofSeconds(5));
        assertFalse(secrets.holds("4711", REALM));
        assertTrue(secrets.holds("1001", REALM));
        clock.advance(Duration.ofSeconds(25));
        assertFalse(secrets.holds("1001", REALM));
    }

    @Test
    void invalidatedEntryIsLoadedAgain() {
        secrets.load("1001", REALM);
        queued.poll().run();
        secrets.invalidate("1001", REALM);
        assertFalse(secrets.holds("1001", REALM));
        secrets.load("1001", REALM);
        queued.poll().run();
        assertEquals(2, lookups.get());
    }

    @Test
    void forgettingARealmDropsItsUsersOnly() {
        secrets.load("1001", REALM);
        secrets.load("1001", "other.example");
        queued.forEach(Runnable::run);
        queued.clear();
        secrets.forgetRealm("Tenant.Example");
        assertFalse(secrets.holds("1001", REALM));
        assertTrue(secrets.holds("1001", "other.example"));
        secrets.load("1001", REALM);
        queued.poll().run();
        assertTrue(secrets.holds("1001", REALM));
        assertEquals(3, lookups.get());
    }

    @Test
    void aReadOvertakenByAForgetIsNotKept() {
        // The administrator's change commits and is forgotten while the lookup is reading: what it read may be the
        // old password, so the waiting request must find nothing and load again.
        AtomicInteger reads = new AtomicInteger();
        CachedDigestSecrets[] cache = new CachedDigestSecrets[1];
        cache[0] = new CachedDigestSecrets(clock, Duration.ofMinutes(5), Duration.ofSeconds(5), queued::add,
                (realm, username) -> {
                    if (reads.incrementAndGet() == 1) {
                        cache[0].forgetRealm(realm);
                    }
                    return List.of(MD5);
                });
        CompletionStage<Void> first = cache[0].load("1001", REALM);
        queued.poll().run();
        assertTrue(first.toCompletableFuture().isDone() && !first.toCompletableFuture().isCompletedExceptionally());
        assertFalse(cache[0].holds("1001", REALM));
        cache[0].load("1001", REALM);
        queued.poll().run();
        assertTrue(cache[0].holds("1001", REALM));
        assertEquals(2, reads.get());
    }

    @Test
    void refusedOrFailingLookupFailsTheLoad() {
        Executor refusing = task -> {
            throw new RejectedExecutionException("full");
        };
        CachedDigestSecrets saturated = new CachedDigestSecrets(clock, Duration.ofSeconds(30), Duration.ofSeconds(5),
                refusing, (realm, username) -> List.of());
        assertTrue(saturated.load("1001", REALM).toCompletableFuture().isCompletedExceptionally());

        CachedDigestSecrets broken = new CachedDigestSecrets(clock, Duration.ofSeconds(30), Duration.ofSeconds(5),
                Runnable::run, (realm, username) -> {
                    throw new IllegalStateException("database down");
                });
        assertTrue(broken.load("1001", REALM).toCompletableFuture().isCompletedExceptionally());
        assertFalse(broken.holds("1001", REALM));
    }
}
