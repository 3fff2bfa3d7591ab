package org.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Changing an agent appends an event that the audit trail's MDB consumes from the topic — once, however often the
 * broker delivers it, and eventually even when the first deliveries fail.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EventStreamIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ParleyDeployment.earWithTestSupport();
    }

    @AfterEach
    void restoreAuditTable() {
        Http.anonymous().post("/it-support/db?fault=restore-audit", "");
    }

    @Test
    void creatingAndChangingAnAgentLeavesAnAuditTrail() {
        Http api = Fixtures.newTenant().api();
        JsonObject agent = api.post("/api/v1/agents",
                "{\"extension\":\"5001\",\"displayName\":\"Eve\",\"sipPassword\":\"a-sip-password\"}").json();
        long id = agent.getJsonNumber("id").longValue();
        api.put("/api/v1/agents/" + id, """
                {"version":%d,"extension":"5001","displayName":"Eve Adams","skills":[],"enabled":true}"""
                .formatted(agent.getJsonNumber("version").longValue()));

        assertTrue(Fixtures.eventually(Duration.ofSeconds(20), () -> audit(api, "agent/" + id).size() == 2),
                () -> "two audit rows for the agent, got " + audit(api, "agent/" + id));
        JsonArray rows = audit(api, "agent/" + id);
        assertEquals("AgentChanged", rows.getJsonObject(0).getString("action"));
        assertEquals("AgentCreated", rows.getJsonObject(1).getString("action"));
        assertTrue(rows.getJsonObject(1).getString("actor").startsWith("api-key pk_"));
        assertTrue(rows.getJsonObject(1).getString("detail").contains("\"extension\":\"5001\""));
        assertTrue(!rows.toString().contains("a-sip-password"), "no secret reaches the audit trail");
    }

    @Test
    void anEventDeliveredTwiceIsRecordedOnce() {
        Fixtures.TestTenant tenant = Fixtures.newTenant();
        String eventId = UUID.randomUUID().toString();
        String event = """
                {"id":"%s","tenant":%d,"occurredAt":"%s","type":"AgentChanged","subjectType":"agent",
                 "subjectId":"777","actor":"it","details":{"extension":"7777"}}"""
                .formatted(eventId, tenant.id(), Instant.now());
        assertEquals(204, Http.anonymous().post("/it-support/events?copies=3", event).status());

        Http api = tenant.api();
        assertTrue(Fixtures.eventually(Duration.ofSeconds(20), () -> audit(api, "agent/777").size() >= 1));
        // Give the other two copies time to arrive and be recognised before counting.
        Fixtures.eventually(Duration.ofSeconds(3), () -> false);
        JsonArray rows = audit(api, "agent/777");
        assertEquals(1, rows.size(), rows::toString);
        assertEquals(eventId, rows.getJsonObject(0).getString("eventId"));
    }

    @Test
    void anEventWhoseFirstDeliveriesFailIsRedeliveredAndRecordedOnce() {
        Http api = Fixtures.newTenant().api();
        Fixtures.databaseFault("hide-audit");
        JsonObject agent = api.post("/api/v1/agents",
                "{\"extension\":\"6001\",\"displayName\":\"Rita Redelivery\"}").json();
        long id = agent.getJsonNumber("id").longValue();
        // The MDB's first deliveries fail (no audit table) and roll back; Artemis redelivers with back-off.
        Fixtures.eventually(Duration.ofSeconds(2), () -> false);
        Fixtures.databaseFault("restore-audit");

        assertTrue(Fixtures.eventually(Duration.ofSeconds(30), () -> audit(api, "agent/" + id).size() == 1),
                () -> "the event arrives once the table is back, got " + audit(api, "agent/" + id));
        Fixtures.eventually(Duration.ofSeconds(3), () -> false);
        assertEquals(1, audit(api, "agent/" + id).size());
    }

    private static JsonArray audit(Http api, String subject) {
        Http.Reply reply = api.get("/api/v1/audit?subject=" + subject);
        return reply.status() == 200 ? reply.array() : jakarta.json.Json.createArrayBuilder().build();
    }
}
