package org.parley.acd.routing.event;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One step of the router, as stored in the event log and published on the events topic. */
public record RoutingEvent(EventId id, Instant at, RoutingEventType type, Map<EventField, String> payload) {

    public RoutingEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        payload = payload.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(payload));
    }

    public Optional<String> get(EventField field) {
        return Optional.ofNullable(payload.get(field));
    }

    /** A field every event of this type carries; its absence is a bug in the producer. */
    public String require(EventField field) {
        return get(field).orElseThrow(
                () -> new IllegalStateException(type + " event " + id + " lacks " + field));
    }

    public long requireMillis(EventField field) {
        return Long.parseLong(require(field));
    }
}
