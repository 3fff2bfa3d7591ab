package org.parley.acd;

import org.parley.access.Caller;
import org.parley.access.NotPermittedException;
import org.parley.acd.RoutingService.AgentCommand;

/**
 * Who may see and change an agent's routing state. Agents change only their own state and answer only their own
 * offers; supervisors and admins see every agent of their tenant and may force one to pause or log out, but never
 * log one in or make one ready (a supervisor cannot know the person is at their desk, and an agent made ready by
 * someone else misses offers and is paused for it). Callers of another tenant never reach these checks: they cannot
 * name the agent at all.
 */
public final class AgentAuthority {

    private AgentAuthority() {
    }

    /** Reading an agent's state or what rings at them: the agent themself, or a supervisor or admin. */
    public static void requireMayObserve(Caller caller, AgentId agent) {
        if (!caller.isAgent(agent.value()) && !caller.isSupervisorOrAdmin()) {
            throw new NotPermittedException(caller.name() + " (" + caller.role() + ") may only see its own agent's "
                    + "state, not agent " + agent.value() + "'s");
        }
    }

    /** Changing an agent's state: any step for the agent themself; pause or log out for a supervisor or admin. */
    public static void requireMayChange(Caller caller, AgentId agent, AgentCommand command) {
        if (caller.isAgent(agent.value())) {
            return;
        }
        if (!caller.isSupervisorOrAdmin()) {
            throw new NotPermittedException(caller.name() + " (" + caller.role() + ") may only change its own "
                    + "agent's state, not agent " + agent.value() + "'s");
        }
        if (command == AgentCommand.LOG_IN || command == AgentCommand.READY) {
            throw new NotPermittedException("only agent " + agent.value() + " can " + describe(command)
                    + "; a supervisor may pause or log out an agent");
        }
    }

    /** Accepting or declining an offer, or completing the work it brought: the agent it rang at only. */
    public static void requireIsAgent(Caller caller, AgentId agent, String what) {
        if (!caller.isAgent(agent.value())) {
            throw new NotPermittedException("only agent " + agent.value() + " can " + what + "; "
                    + caller.name() + " (" + caller.role() + ") speaks for "
                    + (caller.agent().isPresent() ? "agent " + caller.agent().getAsLong() : "no agent"));
        }
    }

    private static String describe(AgentCommand command) {
        return command == AgentCommand.LOG_IN ? "log itself in" : "make itself ready";
    }
}
