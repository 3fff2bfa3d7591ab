package org.parley.audit;

import java.util.List;
import java.util.Optional;

import org.parley.access.Caller;
import org.parley.event.DomainEvent;

/** Reading and writing the audit trail. */
public interface AuditTrail {

    /** Records the event unless it was recorded before; returns whether this call recorded it. */
    boolean record(DomainEvent event);

    /** Newest first, at most {@code limit}, optionally only for one subject ({@code agent/12}). */
    List<AuditEntry> recent(Caller caller, Optional<String> subject, int limit);
}
