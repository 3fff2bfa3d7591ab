package org.parley.acd;

import java.util.List;
import java.util.Optional;

import org.parley.access.Caller;

/** Setting up agents: their extension, SIP password, skills; enabling and disabling them. */
public interface AgentService {

    /**
     * A new agent.
     *
     * @param sipPassword optional at creation; without it the phone cannot register until one is set
     */
    Agent create(Caller caller, String extension, String displayName, Optional<char[]> sipPassword,
            List<Skill> skills, ChannelLimits capacity);

    Agent find(Caller caller, AgentId id);

    List<Agent> list(Caller caller);

    /**
     * Changes an agent that is still at {@code expectedVersion}.
     *
     * @param sipPassword a new SIP password, or empty to keep the current one (a new extension needs a new one)
     */
    Agent update(Caller caller, AgentId id, long expectedVersion, String extension, String displayName,
            Optional<char[]> sipPassword, List<Skill> skills, ChannelLimits capacity, boolean enabled);

    /** Disables the agent (history refers to it, so it is never deleted). */
    Agent disable(Caller caller, AgentId id);
}
