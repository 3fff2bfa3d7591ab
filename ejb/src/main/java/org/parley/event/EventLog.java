package org.parley.event;

/**
 * Appends an event to the log and publishes it, both in the caller's transaction: if the transaction rolls back,
 * the event neither exists nor was seen.
 */
public interface EventLog {

    void append(DomainEvent event);
}
