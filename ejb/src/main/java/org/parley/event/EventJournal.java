package org.parley.event;

/**
 * Appends events to the log behind the caller: no transaction, no waiting on the database. For the high-volume
 * streams (routing decisions, call steps) whose producers must not block; configuration changes use {@link EventLog}
 * inside their own transaction instead. Order is kept, nothing is dropped while the database is away (see
 * {@link WriteBehindEventLog}), and what waits in memory is bounded: producers check {@link #hasRoom()} before they
 * start new work, and beyond the limit an append is refused with {@link EventLogFullException}.
 */
public interface EventJournal {

    /** @throws EventLogFullException when the buffer is at its limit; the event is not taken */
    void append(DomainEvent event);

    /** Events handed in and not yet written. */
    long pending();

    /**
     * Whether new work that produces events may start: false once the backlog has eaten into the reserve kept for
     * work already under way (timers, calls in progress), i.e. when the database has been away for long.
     */
    boolean hasRoom();

    Backlog backlog();

    /**
     * @param pending        events waiting to be written
     * @param newWorkLimit   the backlog at which {@link #hasRoom()} turns false
     * @param maxPending     the backlog at which appends are refused
     * @param written        events written since start
     * @param failedAttempts batches that failed and were retried
     */
    record Backlog(long pending, long newWorkLimit, long maxPending, long written, long failedAttempts) {
    }
}
