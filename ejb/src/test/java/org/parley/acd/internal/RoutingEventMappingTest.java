package org.parley.acd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parley.acd.routing.event.EventField;
import org.parley.acd.routing.event.EventId;
import org.parley.acd.routing.event.RoutingEvent;
import org.parley.acd.routing.event.RoutingEventType;
import org.parley.event.DomainEvent;
import org.parley.event.EventCodec;
import org.parley.tenant.TenantId;

class RoutingEventMappingTest {

    @Test
    void everyTypeAndFieldSurvivesTheLogAndTheWire() {
        for (RoutingEventType type : RoutingEventType.values()) {
            Map<EventField, String> payload = new EnumMap<>(EventField.class);
            for (EventField field : EventField.values()) {
                payload.put(field, field.name().toLowerCase() + "-value");
            }
            RoutingEvent event = new RoutingEvent(EventId.random(), Instant.parse("2026-12-02T10:15:30.123Z"), type,
                    payload);
            DomainEvent logged = RoutingEventMapping.toDomainEvent(new TenantId(7), event);
            DomainEvent readBack = EventCodec.fromJson(EventCodec.toJson(logged));
            RoutingEvent back = RoutingEventMapping.toRoutingEvent(readBack).orElseThrow();
            assertEquals(event, back);
        }
    }

    @Test
    void theLoggedEventNamesItsSubjectAndKeepsReadableKeys() {
        RoutingEvent queued = new RoutingEvent(EventId.random(), Instant.now(), RoutingEventType.INTERACTION_QUEUED,
                Map.of(EventField.QUEUE, "10", EventField.INTERACTION, "i-1", EventField.WAIT_MILLIS, "1500"));
        DomainEvent logged = RoutingEventMapping.toDomainEvent(new TenantId(7), queued);
        assertEquals("acd.InteractionQueued", logged.type());
        assertEquals("interaction", logged.subjectType());
        assertEquals("i-1", logged.subjectId());
        assertEquals("acd", logged.actor());
        assertEquals("1500", logged.details().get("waitMillis"));

        RoutingEvent state = new RoutingEvent(EventId.random(), Instant.now(), RoutingEventType.AGENT_STATE_CHANGED,
                Map.of(EventField.AGENT, "3"));
        assertEquals("agent", RoutingEventMapping.toDomainEvent(new TenantId(7), state).subjectType());
    }

    @Test
    void eventsThatAreNotTheAcdsAreSkipped() {
        DomainEvent created = DomainEvent.of(new TenantId(1), Instant.now(), "AgentCreated", "agent", 3, "admin",
                Map.of());
        assertTrue(RoutingEventMapping.toRoutingEvent(created).isEmpty());
    }
}
