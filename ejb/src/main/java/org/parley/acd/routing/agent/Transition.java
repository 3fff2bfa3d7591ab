package org.parley.acd.routing.agent;

import java.util.List;
import java.util.Objects;

/** One row of the agent transition table, seen from its source: where the agent goes and what must happen. */
public record Transition(AgentState target, List<AgentAction> actions) {

    public Transition {
        Objects.requireNonNull(target, "target");
        actions = List.copyOf(actions);
    }

    public static Transition to(AgentState target, AgentAction... actions) {
        return new Transition(target, List.of(actions));
    }
}
