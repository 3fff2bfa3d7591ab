package org.parley.acd.internal;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.parley.acd.routing.event.EventField;
import org.parley.acd.routing.event.EventId;
import org.parley.acd.routing.event.RoutingEvent;
import org.parley.acd.routing.event.RoutingEventType;
import org.parley.event.DomainEvent;
import org.parley.tenant.TenantId;

/**
 * The router's events in the one event log: type {@code acd.InteractionQueued}, subject the interaction (else the
 * agent, else the queue), actor {@code acd}, payload keys in lower camel case ({@code waitMillis}). The {@code acd.}
 * prefix keeps the ACD's high-volume stream apart from configuration changes (the audit trail skips it).
 */
final class RoutingEventMapping {

    static final String TYPE_PREFIX = "acd.";
    static final String ACTOR = "acd";

    private RoutingEventMapping() {
    }

    static DomainEvent toDomainEvent(TenantId tenant, RoutingEvent event) {
        Map<String, String> details = new LinkedHashMap<>();
        event.payload().forEach((field, value) -> details.put(key(field), value));
        String subjectType;
        String subjectId;
        if (event.get(EventField.INTERACTION).isPresent()) {
            subjectType = "interaction";
            subjectId = event.require(EventField.INTERACTION);
        } else if (event.get(EventField.AGENT).isPresent()) {
            subjectType = "agent";
            subjectId = event.require(EventField.AGENT);
        } else if (event.get(EventField.QUEUE).isPresent()) {
            subjectType = "queue";
            subjectId = event.require(EventField.QUEUE);
        } else {
            subjectType = "acd";
            subjectId = "-";
        }
        return new DomainEvent(uuid(event.id()), tenant, event.at(), TYPE_PREFIX + typeName(event.type()), subjectType,
                subjectId, ACTOR, details);
    }

    /** The router's event back from the log; empty for events that are not the ACD's. */
    static Optional<RoutingEvent> toRoutingEvent(DomainEvent event) {
        if (!event.type().startsWith(TYPE_PREFIX)) {
            return Optional.empty();
        }
        RoutingEventType type = typeOf(event.type().substring(TYPE_PREFIX.length()));
        Map<EventField, String> payload = new EnumMap<>(EventField.class);
        for (EventField field : EventField.values()) {
            String value = event.details().get(key(field));
            if (value != null) {
                payload.put(field, value);
            }
        }
        return Optional.of(new RoutingEvent(new EventId(event.id().toString()), event.occurredAt(), type, payload));
    }

    /** The router makes UUIDs; anything else still maps to one stable id. */
    private static UUID uuid(EventId id) {
        try {
            return UUID.fromString(id.value());
        } catch (IllegalArgumentException notUuid) {
            return UUID.nameUUIDFromBytes(id.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static String typeName(RoutingEventType type) {
        return camel(type.name(), true);
    }

    private static RoutingEventType typeOf(String name) {
        for (RoutingEventType type : RoutingEventType.values()) {
            if (typeName(type).equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown ACD event type " + name);
    }

    static String key(EventField field) {
        return camel(field.name(), false);
    }

    private static String camel(String constant, boolean upperFirst) {
        StringBuilder b = new StringBuilder(constant.length());
        boolean upper = upperFirst;
        for (char c : constant.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }
}
