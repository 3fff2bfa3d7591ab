package org.parley.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import org.junit.jupiter.api.Test;
import org.parley.tenant.TenantId;

/** The event's wire form: a flat JSON object that reads back as it was. */
class EventCodecTest {

    private final Map<String, String> details = new LinkedHashMap<>();
    private final DomainEvent event;

    EventCodecTest() {
        details.put("queue", "7");
        details.put("reason", "said \"no\" — twice");
        details.put("agent", "12");
        event = new DomainEvent(UUID.fromString("00000000-0000-0000-0000-000000000042"), new TenantId(3),
                Instant.parse("2026-12-02T09:00:00.123Z"), "acd.OfferDeclined", "offer", "o-1", "acd", details);
    }

    @Test
    void anEventIsWrittenAsOneFlatObjectAndDetailsInTheOrderGiven() {
        JsonObject json = JsonProvider.provider().createReader(new StringReader(EventCodec.toJson(event))).readObject();
        assertEquals("00000000-0000-0000-0000-000000000042", json.getString("id"));
        assertEquals(3, json.getInt("tenant"));
        assertEquals("2026-12-02T09:00:00.123Z", json.getString("occurredAt"));
        assertEquals("acd.OfferDeclined", json.getString("type"));
        assertEquals("offer", json.getString("subjectType"));
        assertEquals("o-1", json.getString("subjectId"));
        assertEquals("acd", json.getString("actor"));
        assertEquals("said \"no\" — twice", json.getJsonObject("details").getString("reason"));
        assertEquals(3, json.getJsonObject("details").size());
        assertEquals("{\"queue\":\"7\",\"reason\":\"said \\\"no\\\" — twice\",\"agent\":\"12\"}",
                EventCodec.detailsToJson(details));
    }

    @Test
    void itReadsBackAsItWas() {
        DomainEvent back = EventCodec.fromJson(EventCodec.toJson(event));
        assertEquals(event.id(), back.id());
        assertEquals(event.tenant(), back.tenant());
        assertEquals(event.occurredAt(), back.occurredAt());
        assertEquals(event.type(), back.type());
        assertEquals(details, back.details());
        assertEquals(details, EventCodec.detailsFromJson(EventCodec.detailsToJson(details)));
        assertThrows(IllegalArgumentException.class, () -> EventCodec.fromJson("{\"id\":1}"));
    }
}
