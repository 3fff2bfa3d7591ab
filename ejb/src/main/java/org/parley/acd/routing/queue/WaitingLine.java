package org.parley.acd.routing.queue;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.parley.acd.routing.interaction.Interaction;
import org.parley.acd.routing.interaction.InteractionId;
import org.parley.acd.routing.interaction.InteractionStatus;

/**
 * The customers in one queue who have not reached an agent yet (waiting, or ringing at one). Service order is
 * highest aged priority first, then earliest enqueue time, then arrival in this line: a callback's inherited enqueue
 * time and a returned offer's unchanged one put them where they belong without special cases.
 */
public final class WaitingLine {

    private QueuePolicy policy;
    private final Map<InteractionId, Interaction> members = new LinkedHashMap<>();
    private final Map<InteractionId, Long> arrival = new HashMap<>();
    private long nextArrival;

    public WaitingLine(QueuePolicy policy) {
        this.policy = policy;
    }

    public void join(Interaction interaction) {
        members.put(interaction.id(), interaction);
        arrival.put(interaction.id(), nextArrival++);
    }

    public void leave(InteractionId id) {
        members.remove(id);
        arrival.remove(id);
    }

    public boolean contains(InteractionId id) {
        return members.containsKey(id);
    }

    public int size() {
        return members.size();
    }

    public int effectivePriority(Interaction interaction, Instant now) {
        return policy.aging().effectivePriority(interaction.priority(), interaction.waitedUntil(now));
    }

    /** Everyone in the line in service order as of {@code now}. */
    public List<Interaction> inServiceOrder(Instant now) {
        record Ranked(Interaction interaction, int priority, long arrival) {
        }
        Comparator<Ranked> order = Comparator.comparingInt(Ranked::priority).reversed()
                .thenComparing(r -> r.interaction().enqueuedAt())
                .thenComparingLong(Ranked::arrival);
        return members.values().stream()
                .map(i -> new Ranked(i, effectivePriority(i, now), arrival.get(i.id())))
                .sorted(order).map(Ranked::interaction).toList();
    }

    /** The 1-based place among those still waiting (not ringing), if the interaction is waiting here. */
    public Optional<Integer> positionOf(InteractionId id, Instant now) {
        int position = 0;
        for (Interaction i : inServiceOrder(now)) {
            if (i.status() != InteractionStatus.WAITING) {
                continue;
            }
            position++;
            if (i.id().equals(id)) {
                return Optional.of(position);
            }
        }
        return Optional.empty();
    }

    public Optional<Interaction> oldest() {
        return members.values().stream().min(Comparator.comparing(Interaction::enqueuedAt));
    }

    public QueuePolicy policy() {
        return policy;
    }

    /** The admin changed the queue: who waits stays, the new rules apply from the next decision on. */
    public void changePolicy(QueuePolicy changed) {
        if (!changed.id().equals(policy.id())) {
            throw new IllegalArgumentException("policy of " + changed.id() + " given to the line of " + policy.id());
        }
        policy = changed;
    }
}
