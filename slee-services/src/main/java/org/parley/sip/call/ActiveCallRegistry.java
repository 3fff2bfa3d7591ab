package org.parley.sip.call;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The calls in progress, for {@code GET /api/v1/calls/active}: the call SBB reports each call's steps here (from its
 * RECORD_* actions) and removes it when it ends. Read-mostly and lock-free; the SLEE owns the calls, this only mirrors
 * what the API may show.
 */
public final class ActiveCallRegistry {

    /** One call as the API shows it. */
    public record Entry(String sipDomain, String call, String caller, String callee, String state, Instant startedAt,
                        Optional<Instant> answeredAt) {

        public Entry {
            Objects.requireNonNull(sipDomain, "sipDomain");
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(answeredAt, "answeredAt");
        }
    }

    private final ConcurrentMap<String, Entry> calls = new ConcurrentHashMap<>();

    public void started(String sipDomain, String call, String caller, String callee, Instant at) {
        calls.put(call, new Entry(sipDomain, call, caller, callee, "ROUTING", at, Optional.empty()));
    }

    /** The call's state changed (ringing, connected, held …); unknown calls are ignored. */
    public void state(String call, String state) {
        calls.computeIfPresent(call, (k, e) -> new Entry(e.sipDomain(), e.call(), e.caller(), e.callee(), state,
                e.startedAt(), e.answeredAt()));
    }

    public void answered(String call, Instant at) {
        calls.computeIfPresent(call, (k, e) -> new Entry(e.sipDomain(), e.call(), e.caller(), e.callee(), e.state(),
                e.startedAt(), Optional.of(at)));
    }

    public void ended(String call) {
        calls.remove(call);
    }

    /** The domain's calls, oldest first. */
    public List<Entry> inDomain(String sipDomain) {
        return calls.values().stream().filter(e -> e.sipDomain().equalsIgnoreCase(sipDomain))
                .sorted(Comparator.comparing(Entry::startedAt)).toList();
    }

    public int size() {
        return calls.size();
    }
}
