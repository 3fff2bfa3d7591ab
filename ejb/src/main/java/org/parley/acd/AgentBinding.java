package org.parley.acd;

import java.util.OptionalLong;

import org.parley.rule.RuleViolationException;
import org.parley.tenant.TenantId;
import org.parley.user.Role;

/**
 * The rule for binding a login or a key to an agent: it must be a live agent of the same tenant, and an agent's key
 * must have one. Any role may be bound (a supervisor who also takes calls acts for their own agent too).
 */
public final class AgentBinding {

    private AgentBinding() {
    }

    /**
     * @param requiredForAgents whether the AGENT role must name an agent
     * @param what              what is being bound, for the message ("an agent's key")
     */
    public static void require(AgentRepository agents, TenantId tenant, Role role, OptionalLong agent,
            boolean requiredForAgents, String what) {
        if (agent.isEmpty()) {
            if (requiredForAgents && role == Role.AGENT) {
                throw new RuleViolationException("agentId", what + " must name the agent it speaks for");
            }
            return;
        }
        Agent bound = agents.find(tenant, new AgentId(agent.getAsLong())).orElseThrow(() ->
                new RuleViolationException("agentId", "there is no agent " + agent.getAsLong() + " in this tenant"));
        if (!bound.isEnabled()) {
            throw new RuleViolationException("agentId", "agent " + agent.getAsLong() + " is disabled");
        }
    }
}
