package org.parley.event;

import java.util.List;

/**
 * Appends an event to the log and publishes it, both in the caller's transaction: if the transaction rolls back,
 * the event neither exists nor was seen.
 */
public interface EventLog {

    void append(DomainEvent event);

    /** Appends several events as one batch (one round trip to the database), in order, all or none. */
    void appendAll(List<DomainEvent> events);
}
