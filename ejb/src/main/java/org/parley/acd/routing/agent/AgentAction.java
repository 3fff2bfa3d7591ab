package org.parley.acd.routing.agent;

/** Side effects a transition asks for; the session applies its own, the engine carries out the timed ones. */
public enum AgentAction {
    /** Longest-idle routing measures idleness from here. */
    MARK_IDLE_SINCE,
    RECORD_MISSED_OFFER,
    RESET_MISSED_OFFERS,
    COUNT_HANDLED,
    SET_PAUSE_REASON,
    CLEAR_PAUSE_REASON,
    START_WRAP_UP,
    CANCEL_WRAP_UP,
    /** The agent left while an offer rang: the interaction must go back in line. */
    WITHDRAW_OFFER
}
