package org.parley.event;

/**
 * Appends events to the log behind the caller: no transaction, no waiting on the database. For the high-volume
 * streams (routing decisions, call steps) whose producers must not block; configuration changes use {@link EventLog}
 * inside their own transaction instead. Order is kept, nothing is dropped while the database is away (see
 * {@link WriteBehindEventLog}).
 */
public interface EventJournal {

    void append(DomainEvent event);

    /** Events handed in and not yet written. */
    long pending();
}
