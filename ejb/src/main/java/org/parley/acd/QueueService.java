package org.parley.acd;

import java.time.Duration;
import java.util.List;

import org.parley.access.Caller;
import org.parley.acd.routing.queue.RoutingStrategy;

/** Setting up queues: name, routing strategy, service level, wrap-up. */
public interface QueueService {

    Queue create(Caller caller, String name, RoutingStrategy strategy, ServiceLevel serviceLevel, Duration wrapUp);

    Queue find(Caller caller, QueueId id);

    List<Queue> list(Caller caller);

    Queue update(Caller caller, QueueId id, long expectedVersion, String name, RoutingStrategy strategy,
            ServiceLevel serviceLevel, Duration wrapUp, boolean enabled);

    Queue disable(Caller caller, QueueId id);
}
