package org.parley.acd.routing;

import org.parley.acd.routing.agent.AgentId;

/** A command named an agent the router does not know. */
public final class UnknownAgentException extends IllegalArgumentException {

    public UnknownAgentException(AgentId agent) {
        super("unknown agent " + agent);
    }
}
