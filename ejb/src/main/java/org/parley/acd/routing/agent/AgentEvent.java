package org.parley.acd.routing.agent;

/** What can happen to an agent; the transition table says which of these each state allows. */
public enum AgentEvent {
    LOG_IN,
    GO_READY,
    PAUSE,
    LOG_OUT,
    /** The engine offers the agent an interaction: the lease begins. */
    RESERVE,
    ACCEPT,
    DECLINE,
    /** The ring timeout passed without an answer. */
    TIME_OUT,
    /** The offer was withdrawn: the customer left, another agent answered first, or a repair. */
    CANCEL_OFFER,
    END_INTERACTION,
    END_WRAP_UP
}
