package org.parley.sip.registrar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * The registrar's {@link DigestSecrets}: answers only from memory, and loads what it lacks off the SLEE event
 * thread.
 *
 * <p>Why a cache filled asynchronously rather than a lookup per request: the HA1 values live in the database, and
 * a JDBC call must never run on a SLEE event thread (a slow database would stall every dialog queued behind it).
 * The SBB asks {@link #holds}; on a miss it {@link #load loads} on the lookup executor and resumes the request when
 * the load completes (one extra hop, only on a miss). Changes made in Parley reach the cache at once: an agent
 * created, changed (password, extension) or disabled makes the SLEE {@link #forgetRealm forget} its tenant's realm,
 * so a disabled agent or an old password stops working as soon as the change is committed. The time-to-live only
 * bounds how long a change made behind Parley's back (in the database directly) goes unseen. A response that fails
 * against a cached entry also {@link #invalidate invalidates} it, so the next attempt reads the database again.
 * Unknown users are cached too (a shorter while), so a flood of made-up names costs one lookup per name, not per
 * request; the cache is bounded.
 */
public final class CachedDigestSecrets implements DigestSecrets {

    /** Past this many entries expired ones are pruned, and if that is not enough the cache starts over. */
    private static final int MAX_ENTRIES = 100_000;

    private final Clock clock;
    private final Duration timeToLive;
    private final Duration unknownTimeToLive;
    private final Executor lookups;
    private final BiFunction<String, String, List<Ha1>> loader;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Map<Key, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    /**
     * Counts {@link #forgetRealm}s, so a load can tell that one overtook its read; storing and forgetting take the
     * lock, so a forget cannot fall between that check and the store.
     */
    private long forgets;
    private final Object storeLock = new Object();

    /**
     * @param lookups runs {@code loader}; bounded, so a refused lookup fails the load rather than queueing forever
     * @param loader  {@code (realm, username)} → the user's HA1 values, empty for an unknown user; may block
     */
    public CachedDigestSecrets(Clock clock, Duration timeToLive, Duration unknownTimeToLive, Executor lookups,
                               BiFunction<String, String, List<Ha1>> loader) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
        this.unknownTimeToLive = Objects.requireNonNull(unknownTimeToLive, "unknownTimeToLive");
        this.lookups = Objects.requireNonNull(lookups, "lookups");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /** True if the user's secrets (or the fact that there is no such user) are in memory and fresh. */
    public boolean holds(String username, String realm) {
        Entry entry = entries.get(new Key(username, realm));
        return entry != null && entry.expiresAt().isAfter(clock.instant());
    }

    /**
     * Loads the user's secrets on the lookup executor; concurrent loads of one user share one lookup. The stage
     * fails if the executor refuses the work or the loader throws.
     */
    public CompletionStage<Void> load(String username, String realm) {
        Key key = new Key(username, realm);
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        CompletableFuture<Void> running = inFlight.putIfAbsent(key, loaded);
        if (running != null) {
            return running;
        }
        try {
            lookups.execute(() -> {
                try {
                    loadAndStore(key, realm, username);
                    inFlight.remove(key, loaded);
                    loaded.complete(null);
                } catch (RuntimeException e) {
                    inFlight.remove(key, loaded);
                    loaded.completeExceptionally(e);
                }
            });
        } catch (RuntimeException refused) {
            inFlight.remove(key, loaded);
            loaded.completeExceptionally(refused);
        }
        return loaded;
    }

    /**
     * Whether the user has digest secrets in the realm, i.e. is an extension of that tenant (call control tells an
     * unknown extension, 404, from one that is not registered, 480). From memory only, like {@link #ha1}: check
     * {@link #holds} first and {@link #load} on a miss.
     */
    public boolean isKnown(String username, String realm) {
        Entry entry = entries.get(new Key(username, realm));
        return entry != null && entry.expiresAt().isAfter(clock.instant()) && !entry.values().isEmpty();
    }

    public void invalidate(String username, String realm) {
        entries.remove(new Key(username, realm));
    }

    /**
     * Forgets every user of the realm: their next request reads the database. For changes to a tenant's agents,
     * which are rare (an administrator's edits), while the realm's phones keep registering and calling.
     */
    public void forgetRealm(String realm) {
        String forgotten = realm.toLowerCase(Locale.ROOT);
        synchronized (storeLock) {
            forgets++;
            entries.keySet().removeIf(key -> key.realm().equals(forgotten));
        }
    }

    /**
     * A read that a {@link #forgetRealm} overtook may hold what was there before the change: it is not kept, so the
     * request that waited for it finds no entry and loads again.
     */
    private void loadAndStore(Key key, String realm, String username) {
        long before;
        synchronized (storeLock) {
            before = forgets;
        }
        List<Ha1> values = List.copyOf(loader.apply(realm, username));
        synchronized (storeLock) {
            if (forgets == before) {
                store(key, values);
            }
        }
    }

    /** From memory only: a user not loaded yet looks unknown, so callers check {@link #holds} first. */
    @Override
    public Optional<Ha1> ha1(String username, String realm, DigestAlgorithm algorithm) {
        Entry entry = entries.get(new Key(username, realm));
        if (entry == null || !entry.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return entry.values().stream().filter(ha1 -> ha1.algorithm() == algorithm).findFirst();
    }

    private void store(Key key, List<Ha1> values) {
        Instant now = clock.instant();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(entry -> !entry.expiresAt().isAfter(now));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key, new Entry(values, now.plus(values.isEmpty() ? unknownTimeToLive : timeToLive)));
    }

    /** Realms are domain names, so they compare case-insensitively; usernames (extensions) do not. */
    private record Key(String username, String realm) {
        Key {
            realm = realm.toLowerCase(Locale.ROOT);
        }
    }

    private record Entry(List<Ha1> values, Instant expiresAt) {
    }
}
