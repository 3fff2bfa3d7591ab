package org.parley.event;

import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;

import org.parley.tenant.TenantId;

/** The wire form of an event on the topic and in the log's payload column: a flat JSON object. */
public final class EventCodec {

    /**
     * Looked up once: {@code Json.createObjectBuilder()} and friends search for the provider on every call, which
     * made encoding, not the database, the write-behind journal's limit (EventJournalBenchmark).
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    private EventCodec() {
    }

    public static String detailsToJson(Map<String, String> details) {
        return details(details).build().toString();
    }

    private static JsonObjectBuilder details(Map<String, String> details) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        details.forEach(b::add);
        return b;
    }

    public static String toJson(DomainEvent e) {
        return JSON.createObjectBuilder()
                .add("id", e.id().toString())
                .add("tenant", e.tenant().value())
                .add("occurredAt", e.occurredAt().toString())
                .add("type", e.type())
                .add("subjectType", e.subjectType())
                .add("subjectId", e.subjectId())
                .add("actor", e.actor())
                .add("details", details(e.details()))
                .build().toString();
    }

    /** The payload column back as a map; values that are not strings keep their JSON text. */
    public static Map<String, String> detailsFromJson(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            return details(reader.readObject());
        } catch (JsonParsingException | ClassCastException e) {
            throw new IllegalArgumentException("not an event payload: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> details(JsonObject o) {
        Map<String, String> details = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> d : o.entrySet()) {
            details.put(d.getKey(), d.getValue() instanceof JsonString s ? s.getString() : d.getValue().toString());
        }
        return details;
    }

    /** @throws IllegalArgumentException naming what is wrong, for a message that is not a Parley event */
    public static DomainEvent fromJson(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonObject o = reader.readObject();
            Map<String, String> details = details(o.getJsonObject("details"));
            return new DomainEvent(UUID.fromString(o.getString("id")), new TenantId(o.getJsonNumber("tenant").longValue()),
                    Instant.parse(o.getString("occurredAt")), o.getString("type"), o.getString("subjectType"),
                    o.getString("subjectId"), o.getString("actor"), details);
        } catch (JsonParsingException | NullPointerException | ClassCastException e) {
            throw new IllegalArgumentException("not a Parley event: " + e.getMessage(), e);
        }
    }
}
