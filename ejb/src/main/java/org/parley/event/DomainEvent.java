package org.parley.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.parley.tenant.TenantId;

/**
 * Something that happened, once. The id is unique forever, so a consumer that sees it twice (a redelivery) knows
 * it has applied it already.
 *
 * @param subjectType what kind of thing it happened to ({@code agent}, {@code queue}, {@code user})
 * @param subjectId   which one (the entity id)
 * @param actor       who made it happen (a username, or an API key's prefix)
 * @param details     the facts worth keeping (never a password, hash or key)
 */
public record DomainEvent(UUID id, TenantId tenant, Instant occurredAt, String type, String subjectType,
        String subjectId, String actor, Map<String, String> details) {

    public DomainEvent {
        Objects.requireNonNull(id);
        Objects.requireNonNull(tenant);
        Objects.requireNonNull(occurredAt);
        Objects.requireNonNull(type);
        Objects.requireNonNull(subjectType);
        Objects.requireNonNull(subjectId);
        Objects.requireNonNull(actor);
        details = Map.copyOf(details);
    }

    public static DomainEvent of(TenantId tenant, Instant now, String type, String subjectType, Object subjectId,
            String actor, Map<String, String> details) {
        return new DomainEvent(UUID.randomUUID(), tenant, now, type, subjectType, String.valueOf(subjectId), actor,
                details);
    }
}
