package org.parley.web.portal.agents;

import java.util.Comparator;
import java.util.List;

import org.parley.access.Caller;
import org.parley.acd.Agent;
import org.parley.acd.AgentService;

/** The agents a login or a key can be bound to, for a form's menu: the enabled ones, by extension. */
public final class AgentChoices {

    private AgentChoices() {
    }

    /** @param bound the agent already bound, listed even if disabled since, so the form shows it; or null */
    public static List<Agent> of(AgentService agents, Caller caller, Long bound) {
        return agents.list(caller).stream()
                .filter(a -> a.isEnabled() || (bound != null && a.id().value() == bound))
                .sorted(Comparator.comparing(Agent::extension)).toList();
    }
}
