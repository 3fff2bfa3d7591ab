package org.parley.sip.registrar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The location service: address-of-record to contact bindings, updated by REGISTER as RFC 3261 §10.3 steps 6–8
 * say. One request's changes to one address-of-record apply all together or not at all. Time comes from the
 * injected clock; expired bindings are never returned and {@link #expire()} removes them.
 */
public final class BindingTable {

    /**
     * Told of every change, after it is made: which address-of-record, what changed, and whether the
     * address-of-record still has a live binding (whether the phone can be called). Called on the thread that made
     * the change (a SLEE event thread or the expiry sweep), so it must only hand the news on, never block.
     */
    @FunctionalInterface
    public interface Listener {
        void changed(String addressOfRecord, List<BindingChange> changes, boolean stillBound);
    }

    private final Clock clock;
    private final RegistrarPolicy policy;
    private final Listener listener;
    private final Map<String, List<Binding>> bindings = new ConcurrentHashMap<>();

    public BindingTable(Clock clock, RegistrarPolicy policy) {
        this(clock, policy, (aor, changes, stillBound) -> { });
    }

    public BindingTable(Clock clock, RegistrarPolicy policy, Listener listener) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public RegisterOutcome register(RegisterRequest request) {
        RegisterOutcome[] outcome = new RegisterOutcome[1];
        bindings.compute(request.addressOfRecord(), (aor, current) -> {
            Update update = new Update(request, current == null ? List.of() : current, clock.instant());
            outcome[0] = update.apply();
            List<Binding> result = outcome[0] instanceof RegisterOutcome.Bound bound ? bound.bindings() : current;
            return result == null || result.isEmpty() ? null : result;
        });
        if (outcome[0] instanceof RegisterOutcome.Bound bound && !bound.changes().isEmpty()) {
            listener.changed(request.addressOfRecord(), bound.changes(), !bound.bindings().isEmpty());
        }
        return outcome[0];
    }

    /**
     * Puts back a binding the previous run held (from the event log after a restart), unless it has expired or the
     * address-of-record already has that contact. The listener is not told: nothing changed for the phone.
     */
    public void restore(String addressOfRecord, Binding binding) {
        if (binding.isExpiredAt(clock.instant())) {
            return;
        }
        bindings.compute(addressOfRecord, (aor, current) -> {
            List<Binding> next = new ArrayList<>(current == null ? List.of() : current);
            if (next.stream().noneMatch(b -> b.contact().equals(binding.contact()))) {
                next.add(binding);
            }
            return List.copyOf(next);
        });
    }

    /** The live bindings of an address-of-record, for routing a call to it. */
    public List<Binding> bindings(String addressOfRecord) {
        Instant now = clock.instant();
        return bindings.getOrDefault(addressOfRecord, List.of()).stream()
                .filter(binding -> !binding.isExpiredAt(now)).toList();
    }

    /** Removes every binding whose time is up and reports each, so expiry reaches the events topic. */
    public List<BindingChange> expire() {
        Instant now = clock.instant();
        List<BindingChange> expired = new ArrayList<>();
        for (String aor : bindings.keySet()) {
            List<BindingChange> here = new ArrayList<>();
            boolean[] stillBound = new boolean[1];
            bindings.computeIfPresent(aor, (key, current) -> {
                List<Binding> live = new ArrayList<>();
                for (Binding binding : current) {
                    if (binding.isExpiredAt(now)) {
                        here.add(new BindingChange(BindingChange.Kind.EXPIRED, key, binding));
                    } else {
                        live.add(binding);
                    }
                }
                stillBound[0] = !live.isEmpty();
                return live.isEmpty() ? null : List.copyOf(live);
            });
            if (!here.isEmpty()) {
                expired.addAll(here);
                listener.changed(aor, List.copyOf(here), stillBound[0]);
            }
        }
        return expired;
    }

    /** One REGISTER applied to one address-of-record's bindings, computed aside and then kept or dropped whole. */
    private final class Update {

        private final RegisterRequest request;
        private final Instant now;
        private final List<Binding> next = new ArrayList<>();
        private final List<BindingChange> changes = new ArrayList<>();

        Update(RegisterRequest request, List<Binding> current, Instant now) {
            this.request = request;
            this.now = now;
            for (Binding binding : current) {
                if (binding.isExpiredAt(now)) {
                    changes.add(change(BindingChange.Kind.EXPIRED, binding));
                } else {
                    next.add(binding);
                }
            }
        }

        RegisterOutcome apply() {
            if (request.wildcard()) {
                return removeAll();
            }
            List<Long> expiries = new ArrayList<>();
            for (RegisterRequest.Contact contact : request.contacts()) {
                Long requested = contact.expires() != null ? contact.expires() : request.expiresHeader();
                long seconds = requested != null ? requested : policy.defaultExpires().toSeconds();
                if (seconds < 0) {
                    return new RegisterOutcome.Invalid("negative expiry for " + contact.uri());
                }
                if (seconds != 0 && seconds < policy.minExpires().toSeconds()) {
                    return new RegisterOutcome.IntervalTooBrief(policy.minExpires());
                }
                expiries.add(Math.min(seconds, policy.maxExpires().toSeconds()));
            }
            for (int i = 0; i < request.contacts().size(); i++) {
                String uri = request.contacts().get(i).uri();
                int existing = indexOf(uri);
                if (existing >= 0 && isNotNewer(next.get(existing))) {
                    return new RegisterOutcome.OutOfOrder(uri);
                }
                long seconds = expiries.get(i);
                if (seconds == 0) {
                    if (existing >= 0) {
                        changes.add(change(BindingChange.Kind.UNREGISTERED, next.remove(existing)));
                    }
                    continue;
                }
                Binding binding = new Binding(uri, now.plus(Duration.ofSeconds(seconds)), request.callId(),
                        request.cseq(), request.source().filter(s -> !s.equals(Binding.hostPortOf(uri))));
                if (existing >= 0) {
                    next.set(existing, binding);
                    changes.add(change(BindingChange.Kind.REFRESHED, binding));
                } else {
                    next.add(binding);
                    changes.add(change(BindingChange.Kind.REGISTERED, binding));
                }
            }
            return new RegisterOutcome.Bound(List.copyOf(next), List.copyOf(changes));
        }

        /** RFC 3261 §10.3 step 6: "*" is allowed only with Expires: 0, and removes every binding. */
        private RegisterOutcome removeAll() {
            if (request.expiresHeader() == null || request.expiresHeader() != 0) {
                return new RegisterOutcome.Invalid("a wildcard Contact needs Expires: 0");
            }
            for (Binding binding : next) {
                if (isNotNewer(binding)) {
                    return new RegisterOutcome.OutOfOrder(binding.contact());
                }
            }
            next.forEach(binding -> changes.add(change(BindingChange.Kind.UNREGISTERED, binding)));
            next.clear();
            return new RegisterOutcome.Bound(List.of(), List.copyOf(changes));
        }

        private boolean isNotNewer(Binding binding) {
            return binding.callId().equals(request.callId()) && request.cseq() <= binding.cseq();
        }

        /** Contacts compare as strings: a phone resends its Contact URI as it first sent it. */
        private int indexOf(String uri) {
            for (int i = 0; i < next.size(); i++) {
                if (next.get(i).contact().equals(uri)) {
                    return i;
                }
            }
            return -1;
        }

        private BindingChange change(BindingChange.Kind kind, Binding binding) {
            return new BindingChange(kind, request.addressOfRecord(), binding);
        }
    }
}
