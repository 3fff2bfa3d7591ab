package org.parley.event;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.parley.tenant.TenantId;

/** Reads the event log back, for projections computed on demand (reports, today's live figures). */
public interface EventHistory {

    /** More than this in one read is a range too wide to report on at once. */
    int MAX_EVENTS = 2_000_000;

    /**
     * The tenant's events whose type starts with {@code typePrefix} and that occurred in {@code [from, to)}, in the
     * order they were appended.
     *
     * @throws org.parley.rule.RuleViolationException when the range holds more than {@link #MAX_EVENTS}
     */
    List<DomainEvent> read(TenantId tenant, String typePrefix, Instant from, Instant to);

    /** The tenants with at least one event whose type starts with {@code typePrefix} since {@code since}. */
    Set<TenantId> tenantsWithEvents(String typePrefix, Instant since);
}
