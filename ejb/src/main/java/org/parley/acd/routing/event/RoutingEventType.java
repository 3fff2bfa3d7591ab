package org.parley.acd.routing.event;

/** Every step the router takes; one event per step. */
public enum RoutingEventType {
    AGENT_STATE_CHANGED,
    /** The agent's phone registration or desktop connection went away or came back. */
    AGENT_REACHABILITY_CHANGED,
    INTERACTION_QUEUED,
    INTERACTION_OFFERED,
    OFFER_ACCEPTED,
    OFFER_DECLINED,
    OFFER_TIMED_OUT,
    OFFER_CANCELLED,
    INTERACTION_ABANDONED,
    INTERACTION_COMPLETED,
    INTERACTION_OVERFLOWED,
    CALLBACK_REQUESTED,
    /** A callback reached the head of its line and an agent is reserved: the telephony side dials now. */
    PLACE_CALLBACK,
    /** The customer did not answer a placed callback; another attempt follows after the queue's retry delay. */
    CALLBACK_NOT_ANSWERED,
    /** The last callback attempt went unanswered: the final outcome. */
    CALLBACK_FAILED,
    WRAP_UP_ENDED,
    INVARIANT_REPAIRED
}
