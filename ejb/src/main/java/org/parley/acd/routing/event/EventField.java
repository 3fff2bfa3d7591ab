package org.parley.acd.routing.event;

/** The keys an event payload may carry. Durations are whole milliseconds, instants ISO-8601 UTC. */
public enum EventField {
    QUEUE,
    INTERACTION,
    AGENT,
    OFFER,
    CHANNEL,
    CUSTOMER,
    PRIORITY,
    ENQUEUED_AT,
    FROM_STATE,
    TO_STATE,
    AGENT_EVENT,
    REASON,
    WAIT_MILLIS,
    TALK_MILLIS,
    WRAP_UP_MILLIS,
    CALLBACK_FOR,
    CALLBACK,
    OVERFLOW_TARGET,
    DECISION,
    VIOLATION,
    ATTEMPT
}
