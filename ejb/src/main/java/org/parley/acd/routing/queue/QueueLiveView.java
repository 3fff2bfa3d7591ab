package org.parley.acd.routing.queue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.parley.acd.routing.agent.AgentState;

/**
 * A queue right now, for the wallboard. The service level so far today is not here: it comes from the same event
 * projection as the reports, so the two can never disagree.
 *
 * @param waiting       customers who have not reached an agent yet (ringing ones included)
 * @param longestWait   how long the oldest of them has waited; for a callback, since the original enqueue
 * @param agentsByState the queue's members by state
 */
public record QueueLiveView(QueueId queue, int waiting, Optional<Duration> longestWait,
                            Map<AgentState, Integer> agentsByState) {

    public QueueLiveView {
        agentsByState = Map.copyOf(agentsByState);
    }
}
