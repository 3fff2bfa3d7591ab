package org.parley.acd.routing.agent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What one event did to an agent; the engine publishes it and carries out the timed actions. */
public record StateChange(AgentId agent, AgentEvent event, AgentState from, AgentState to,
                          List<AgentAction> actions, Optional<PauseReason> pauseReason, Instant at) {

    public StateChange {
        actions = List.copyOf(actions);
    }

    public boolean asks(AgentAction action) {
        return actions.contains(action);
    }
}
