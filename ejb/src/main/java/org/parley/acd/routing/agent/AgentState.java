package org.parley.acd.routing.agent;

/** What an agent is doing, as far as routing is concerned. */
public enum AgentState {
    LOGGED_OUT,
    /** Ready and handling nothing. */
    AVAILABLE,
    /** An offer is ringing at the agent (they may be handling chats besides). */
    RESERVED,
    /** Handling at least one interaction, nothing ringing. */
    BUSY,
    /** After-contact work: the agent's last interaction ended and the queue's wrap-up time runs. */
    WRAP_UP,
    /** Logged in but not taking work, with a reason code. */
    PAUSED
}
