package org.parley.acd.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.parley.acd.routing.agent.AgentSession;
import org.parley.acd.routing.agent.AgentState;
import org.parley.acd.routing.agent.StateChange;
import org.parley.acd.routing.event.EventField;
import org.parley.acd.routing.interaction.Interaction;
import org.parley.acd.routing.interaction.InteractionId;
import org.parley.acd.routing.interaction.InteractionStatus;
import org.parley.acd.routing.offer.Offer;

/**
 * Checks the router's invariants against its own records and repairs what it finds, reporting each violation as an
 * event. The router keeps them by construction; this exists because lost messages, bugs and restarts happen, and an
 * agent stuck in "reserved" is the bug that costs a contact center most. Run it on the engine's writer, e.g. from a
 * periodic timer: {@code engine.submit(reconciler::reconcile)}.
 */
public final class Reconciler {

    /** Checks everything once, repairs each violation and returns them in the order they were repaired. */
    public List<InvariantViolation> reconcile(Router router) {
        List<InvariantViolation> found = new ArrayList<>();
        withdrawOffersThatShouldNotRing(router, found);
        returnUnringingInteractionsToLine(router, found);
        releaseGhostAgents(router, found);
        router.dispatch();
        return found;
    }

    private void withdrawOffersThatShouldNotRing(Router router, List<InvariantViolation> found) {
        for (Offer offer : router.offerBook().ringing()) {
            AgentSession agent = router.agent(offer.agent()).orElseThrow();
            Interaction interaction = router.interaction(offer.interaction()).orElseThrow();
            if (interaction.status() != InteractionStatus.OFFERED) {
                repairOffer(router, found, offer, InvariantViolation.Kind.OFFER_FOR_DEAD_INTERACTION,
                        "interaction is " + interaction.status());
                if (interaction.status().isFinal()) {
                    // ended behind the router's back, it may still stand in its line, counted as waiting forever
                    router.leaveLineForRepair(interaction.id());
                }
            } else if (!agent.isReachable()) {
                repairOffer(router, found, offer, InvariantViolation.Kind.OFFERED_TO_UNREACHABLE,
                        "agent " + agent.id() + " is unreachable");
            }
        }
        Map<InteractionId, List<Offer>> byInteraction = router.offerBook().ringing().stream()
                .collect(Collectors.groupingBy(Offer::interaction));
        for (List<Offer> ringing : byInteraction.values()) {
            boolean ringAll = ringing.get(0).decision().strategy().offersToAll();
            if (ringing.size() > 1 && !ringAll) {
                // keep the first lease, which the customer's place earned; the later ones are the duplicates
                List<Offer> oldestFirst = ringing.stream().sorted(Comparator.comparing(Offer::offeredAt)).toList();
                for (Offer duplicate : oldestFirst.subList(1, oldestFirst.size())) {
                    repairOffer(router, found, duplicate, InvariantViolation.Kind.OFFERED_TO_SEVERAL,
                            "also ringing at " + oldestFirst.get(0).agent());
                }
            }
        }
    }

    private void returnUnringingInteractionsToLine(Router router, List<InvariantViolation> found) {
        for (Interaction interaction : router.liveInteractions()) {
            if (interaction.status() == InteractionStatus.OFFERED
                    && router.offerBook().ringingFor(interaction.id()).isEmpty()) {
                router.returnToLineForRepair(interaction.id());
                report(router, found, new InvariantViolation(InvariantViolation.Kind.OFFERED_WITHOUT_LEASE,
                        interaction.id().value(), "put back in line; it is now " + interaction.status()),
                        Map.of(EventField.INTERACTION, interaction.id().value()));
            }
        }
    }

    private void repairOffer(Router router, List<InvariantViolation> found, Offer offer,
                             InvariantViolation.Kind kind, String why) {
        String repair = "withdrew offer " + offer.id() + " to " + offer.agent() + ": " + why;
        router.withdrawForRepair(offer, "reconciler: " + why);
        report(router, found, new InvariantViolation(kind, offer.interaction().value(), repair),
                Map.of(EventField.INTERACTION, offer.interaction().value(), EventField.AGENT, offer.agent().value(),
                        EventField.OFFER, offer.id().value()));
    }

    private void releaseGhostAgents(Router router, List<InvariantViolation> found) {
        Set<InteractionId> connected = router.liveInteractions().stream()
                .filter(i -> i.status() == InteractionStatus.CONNECTED).map(Interaction::id)
                .collect(Collectors.toSet());
        for (AgentSession agent : router.agents()) {
            if (agent.state() == AgentState.RESERVED && router.ringingOfferAt(agent.id()).isEmpty()
                    && agent.ringing().isPresent()) {
                router.publishRepair(agent.cancelOffer(router.now()));
                report(router, found, new InvariantViolation(InvariantViolation.Kind.RESERVED_WITHOUT_OFFER,
                        agent.id().value(), "released the reservation; agent is now " + agent.state()),
                        Map.of(EventField.AGENT, agent.id().value()));
            }
            for (InteractionId open : agent.connected()) {
                if (!connected.contains(open)) {
                    StateChange change = agent.endInteraction(open, router.now());
                    router.publishRepair(change);
                    router.startWrapUpAfterRepair(agent, change);
                    report(router, found, new InvariantViolation(InvariantViolation.Kind.BUSY_WITHOUT_INTERACTION,
                            agent.id().value(), "closed " + open + ", which is not connected; agent is now "
                            + agent.state()),
                            Map.of(EventField.AGENT, agent.id().value(), EventField.INTERACTION, open.value()));
                }
            }
        }
    }

    private static void report(Router router, List<InvariantViolation> found, InvariantViolation violation,
                               Map<EventField, String> about) {
        Map<EventField, String> payload = new EnumMap<>(EventField.class);
        payload.putAll(about);
        payload.put(EventField.REASON, violation.repair());
        router.reportRepair(violation.kind().name(), payload);
        found.add(violation);
    }
}
