package org.parley.acd.routing.offer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.interaction.InteractionId;

/** Every offer made, findable by id, by interaction and by agent: the one record of who was offered what. */
public final class OfferBook {

    private final Map<OfferId, Offer> byId = new LinkedHashMap<>();
    private final Map<InteractionId, List<Offer>> byInteraction = new HashMap<>();
    // Offers end outside the book (offer.accept() and friends), so this is pruned on read; it stays as small as
    // the number of agents, where scanning every offer ever made would grow all day.
    private final Set<Offer> mayBeRinging = new LinkedHashSet<>();

    public void record(Offer offer) {
        byId.put(offer.id(), offer);
        byInteraction.computeIfAbsent(offer.interaction(), i -> new ArrayList<>()).add(offer);
        if (offer.isRinging()) {
            mayBeRinging.add(offer);
        }
    }

    public Optional<Offer> find(OfferId id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<Offer> of(InteractionId interaction) {
        return List.copyOf(byInteraction.getOrDefault(interaction, List.of()));
    }

    public List<Offer> ringingFor(InteractionId interaction) {
        return byInteraction.getOrDefault(interaction, List.of()).stream().filter(Offer::isRinging).toList();
    }

    public Optional<Offer> acceptedFor(InteractionId interaction) {
        return byInteraction.getOrDefault(interaction, List.of()).stream()
                .filter(o -> o.outcome() == OfferOutcome.ACCEPTED).reduce((first, later) -> later);
    }

    /** Agents who let this interaction ring out or turned it down, so the next agent is tried first. */
    public Set<AgentId> passedOver(InteractionId interaction) {
        return byInteraction.getOrDefault(interaction, List.of()).stream()
                .filter(o -> o.outcome() == OfferOutcome.DECLINED || o.outcome() == OfferOutcome.TIMED_OUT)
                .map(Offer::agent).collect(Collectors.toSet());
    }

    public List<Offer> ringing() {
        mayBeRinging.removeIf(o -> !o.isRinging());
        return List.copyOf(mayBeRinging);
    }

    public List<Offer> ringingAt(AgentId agent) {
        mayBeRinging.removeIf(o -> !o.isRinging());
        return mayBeRinging.stream().filter(o -> o.agent().equals(agent)).toList();
    }

    /** Drops every offer of an interaction that has ended and is forgotten; none of them may still ring. */
    public void forget(InteractionId interaction) {
        for (Offer offer : byInteraction.getOrDefault(interaction, List.of())) {
            if (offer.isRinging()) {
                throw new IllegalStateException(offer + " still rings; it cannot be forgotten");
            }
        }
        List<Offer> gone = byInteraction.remove(interaction);
        if (gone != null) {
            gone.forEach(o -> byId.remove(o.id()));
        }
    }

    /** How many offers are held. */
    public int size() {
        return byId.size();
    }

    public Collection<Offer> all() {
        return List.copyOf(byId.values());
    }
}
