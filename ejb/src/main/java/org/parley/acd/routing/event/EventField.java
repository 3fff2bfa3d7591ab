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
    /** {@code skill:level} pairs, comma separated, e.g. {@code billing:3,spanish:5}. */
    REQUIRED_SKILLS,
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
    ATTEMPT,
    /** How an agent is reached ({@code PHONE}, {@code DESKTOP}), on reachability changes. */
    CONTACT
}
