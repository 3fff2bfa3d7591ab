package org.parley.event;

/**
 * The write-behind buffer holds as many events as it may while the database is away: this one was not taken. The
 * producer is told rather than the event dropped unseen, and the heap stays bounded.
 */
public class EventLogFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public EventLogFullException(DomainEvent refused, long pending) {
        super("the event log is " + pending + " events behind (its limit) and took no more: " + refused.type()
                + " " + refused.id() + " about " + refused.subjectType() + " " + refused.subjectId()
                + " was not recorded");
    }
}
