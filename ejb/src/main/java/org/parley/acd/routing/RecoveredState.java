package org.parley.acd.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.agent.AgentState;
import org.parley.acd.routing.agent.PauseReason;
import org.parley.acd.routing.event.EventField;
import org.parley.acd.routing.event.RoutingEvent;
import org.parley.acd.routing.interaction.Channel;
import org.parley.acd.routing.interaction.CustomerIdentity;
import org.parley.acd.routing.interaction.InteractionId;
import org.parley.acd.routing.queue.QueueId;
import org.parley.acd.routing.skill.RequiredSkill;

/**
 * Where a previous run of a tenant's router stopped, folded from its events in the log: each agent's last state and
 * every interaction that had not ended. {@link Router#recover} picks up from here after a restart.
 *
 * @param lastSeen when the previous run's last event happened (about when it stopped)
 */
public record RecoveredState(Map<AgentId, AgentSnapshot> agents, List<OpenInteraction> interactions,
                             Optional<Instant> lastSeen) {

    /** An agent's last state, with the pause reason if paused. */
    public record AgentSnapshot(AgentState state, Optional<PauseReason> pauseReason) {
    }

    /** An interaction that had not ended: still waiting, ringing, talking, or a callback awaiting its next try. */
    public record OpenInteraction(InteractionId id, QueueId queue, Channel channel, CustomerIdentity customer,
                                  int priority, List<RequiredSkill> requiredSkills, Instant enqueuedAt,
                                  Optional<InteractionId> callbackFor, Optional<AgentId> agent,
                                  Optional<Instant> connectedAt) {

        OpenInteraction connected(AgentId by, Instant at) {
            return new OpenInteraction(id, queue, channel, customer, priority, requiredSkills, enqueuedAt, callbackFor,
                    Optional.of(by), Optional.of(at));
        }

        OpenInteraction notConnected() {
            return new OpenInteraction(id, queue, channel, customer, priority, requiredSkills, enqueuedAt, callbackFor,
                    Optional.empty(), Optional.empty());
        }
    }

    public RecoveredState {
        agents = Map.copyOf(agents);
        interactions = List.copyOf(interactions);
    }

    public static RecoveredState nothing() {
        return new RecoveredState(Map.of(), List.of(), Optional.empty());
    }

    /**
     * Folds the events, oldest first. Interactions whose queueing happened before the first event given are not
     * known and stay unknown: read far enough back (callbacks wait hours, not days).
     */
    public static RecoveredState fold(Collection<RoutingEvent> events) {
        Map<AgentId, AgentSnapshot> agents = new HashMap<>();
        Map<String, OpenInteraction> open = new LinkedHashMap<>();
        Instant last = null;
        for (RoutingEvent e : events) {
            last = e.at();
            switch (e.type()) {
                case AGENT_STATE_CHANGED -> agents.put(AgentId.of(e.require(EventField.AGENT)), new AgentSnapshot(
                        AgentState.valueOf(e.require(EventField.TO_STATE)),
                        e.get(EventField.REASON).map(PauseReason::of)));
                case INTERACTION_QUEUED -> {
                    String id = e.require(EventField.INTERACTION);
                    open.put(id, new OpenInteraction(new InteractionId(id), QueueId.of(e.require(EventField.QUEUE)),
                            Channel.valueOf(e.require(EventField.CHANNEL)),
                            CustomerIdentity.of(e.require(EventField.CUSTOMER)),
                            Integer.parseInt(e.require(EventField.PRIORITY)),
                            RequiredSkill.decode(e.get(EventField.REQUIRED_SKILLS).orElse("")),
                            Instant.parse(e.require(EventField.ENQUEUED_AT)),
                            e.get(EventField.CALLBACK_FOR).map(InteractionId::new), Optional.empty(),
                            Optional.empty()));
                }
                case OFFER_ACCEPTED -> open.computeIfPresent(e.require(EventField.INTERACTION),
                        (id, i) -> i.connected(AgentId.of(e.require(EventField.AGENT)), e.at()));
                case CALLBACK_NOT_ANSWERED -> open.computeIfPresent(e.require(EventField.INTERACTION),
                        (id, i) -> i.notConnected());
                case INTERACTION_ABANDONED, INTERACTION_COMPLETED, INTERACTION_OVERFLOWED, CALLBACK_FAILED,
                     CALLBACK_REQUESTED -> open.remove(e.require(EventField.INTERACTION));
                default -> {
                    // offers, wrap-up, reachability and repairs do not change what is open
                }
            }
        }
        return new RecoveredState(agents, new ArrayList<>(open.values()), Optional.ofNullable(last));
    }
}
