package org.parley.web.portal.agents;

import java.util.stream.Collectors;

import org.parley.acd.Agent;
import org.parley.acd.Skill;

/** One line of the agents list. */
public record AgentRow(long id, String extension, String displayName, String skills, boolean sipPasswordSet,
        boolean enabled) {

    static AgentRow of(Agent agent) {
        return new AgentRow(agent.id().value(), agent.extension(), agent.displayName(),
                agent.skills().stream().map(Skill::toString).collect(Collectors.joining(", ")),
                agent.hasSipCredentials(), agent.isEnabled());
    }
}
