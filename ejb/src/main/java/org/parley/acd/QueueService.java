package org.parley.acd;

import java.time.Duration;
import java.util.List;

import org.parley.access.Caller;
import org.parley.acd.routing.queue.RoutingStrategy;

/** Setting up queues: name, routing strategy, service level, wrap-up and the further routing policies. */
public interface QueueService {

    /**
     * A new queue. An overflow target queue must be one of the caller's tenant (a {@code RuleViolationException} on
     * {@code overflowQueueId} otherwise).
     */
    Queue create(Caller caller, String name, RoutingStrategy strategy, ServiceLevel serviceLevel, Duration wrapUp,
            QueueSettings settings);

    Queue find(Caller caller, QueueId id);

    List<Queue> list(Caller caller);

    Queue update(Caller caller, QueueId id, long expectedVersion, String name, RoutingStrategy strategy,
            ServiceLevel serviceLevel, Duration wrapUp, QueueSettings settings, boolean enabled);

    Queue disable(Caller caller, QueueId id);

    /** Makes the agent serve the queue (admins only); adding a member twice changes nothing. */
    Queue addMember(Caller caller, QueueId id, AgentId agent);

    /** The agent no longer serves the queue; removing a non-member changes nothing. */
    Queue removeMember(Caller caller, QueueId id, AgentId agent);
}
