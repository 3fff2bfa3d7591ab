package org.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A queue's routing policies set through the REST API reach the running engine: a queue closed now (a holiday, or
 * open on another weekday only, in the tenant's zone) turns a new customer away to its overflow target; a full queue
 * sends the next customer on to its overflow queue. Bad settings are refused naming the field.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AcdQueuePolicyIT {

    /** it-support.war makes every test tenant in this zone. */
    private static final ZoneId TENANT_ZONE = ZoneId.of("Europe/Paris");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ParleyDeployment.earWithTestSupport();
    }

    private static Http.Reply create(Http api, String name, String policy) {
        return api.post("/api/v1/queues", """
                {"name":"%s","strategy":"LONGEST_IDLE","slaPercent":80,"slaSeconds":20,"wrapUpSeconds":0%s}"""
                .formatted(name, policy == null ? "" : ",\"policy\":" + policy));
    }

    private static long queue(Http api, String name, String policy) {
        Http.Reply created = create(api, name, policy);
        assertEquals(201, created.status(), created::toString);
        return created.json().getJsonNumber("id").longValue();
    }

    private static JsonObject customer(Http api, long queue, String number) {
        Http.Reply queued = api.post("/api/v1/queues/" + queue + "/interactions", """
                {"channel":"VOICE","customer":"%s"}""".formatted(number));
        assertEquals(201, queued.status(), queued::toString);
        return queued.json();
    }

    private static void refused(Http.Reply reply, String field) {
        assertEquals(422, reply.status(), reply::toString);
        assertEquals(field, reply.json().getJsonArray("errors").getJsonObject(0).getString("field"), reply::toString);
    }

    @Test
    void aQueueClosedNowTurnsANewCustomerAwayAndAnOpenOneQueuesThem() {
        Http api = Fixtures.newTenant().api();
        // Yesterday to tomorrow in the tenant's zone, so that midnight passing during the test changes nothing.
        LocalDate today = LocalDate.now(TENANT_ZONE);
        long holiday = queue(api, "Holiday", """
                {"overflowKind":"VOICEMAIL","holidays":["%s","%s","%s"]}"""
                .formatted(today.minusDays(1), today, today.plusDays(1)));
        String otherDay = today.plusDays(3).getDayOfWeek().name();
        long otherWeekday = queue(api, "Other weekday", """
                {"overflowKind":"VOICEMAIL","openHours":[{"day":"%s","opens":"00:00","closes":"24:00"}]}"""
                .formatted(otherDay));
        long open = queue(api, "Open", null);

        assertEquals("OVERFLOWED", customer(api, holiday, "+331111").getString("status"));
        assertEquals("OVERFLOWED", customer(api, otherWeekday, "+331112").getString("status"));
        assertEquals("WAITING", customer(api, open, "+331113").getString("status"));

        JsonObject shown = api.get("/api/v1/queues/" + otherWeekday).json().getJsonObject("policy");
        assertEquals("VOICEMAIL", shown.getString("overflowKind"));
        assertEquals(otherDay, shown.getJsonArray("openHours").getJsonObject(0).getString("day"));
        assertEquals("24:00", shown.getJsonArray("openHours").getJsonObject(0).getString("closes"));
    }

    @Test
    void aFullQueueSendsTheNextCustomerToItsOverflowQueue() {
        Http api = Fixtures.newTenant().api();
        long spill = queue(api, "Spill", null);
        long front = queue(api, "Front", """
                {"maxSize":1,"overflowKind":"QUEUE","overflowQueueId":%d}""".formatted(spill));

        JsonObject first = customer(api, front, "+331201");
        JsonObject second = customer(api, front, "+331202");

        assertEquals("WAITING", first.getString("status"));
        assertEquals(front, first.getJsonNumber("queue").longValue());
        assertEquals("WAITING", second.getString("status"), second::toString);
        assertEquals(spill, second.getJsonNumber("queue").longValue(), second::toString);
        assertEquals(1, api.get("/api/v1/queues/" + front + "/live").json().getInt("waiting"));
        assertEquals(1, api.get("/api/v1/queues/" + spill + "/live").json().getInt("waiting"));
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        Http api = Fixtures.newTenant().api();
        Http other = Fixtures.newTenant().api();
        long foreign = queue(other, "Theirs", null);
        long mine = queue(api, "Mine", null);

        refused(create(api, "Bad wait", "{\"maxWaitSeconds\":0,\"overflowKind\":\"VOICEMAIL\"}"), "maxWaitSeconds");
        refused(create(api, "No target", "{\"maxWaitSeconds\":60}"), "overflowKind");
        refused(create(api, "Foreign", "{\"maxSize\":3,\"overflowKind\":\"QUEUE\",\"overflowQueueId\":" + foreign
                + "}"), "overflowQueueId");
        refused(create(api, "Backwards", """
                {"overflowKind":"VOICEMAIL","openHours":[{"day":"MONDAY","opens":"17:00","closes":"09:00"}]}"""),
                "openHours");
        refused(create(api, "Not a date", "{\"overflowKind\":\"VOICEMAIL\",\"holidays\":[\"tomorrow\"]}"),
                "holidays");
        refused(create(api, "Too strict", "{\"relaxation\":[{\"afterSeconds\":30,\"levelCap\":11}]}"),
                "relaxation");

        JsonObject view = api.get("/api/v1/queues/" + mine).json();
        long version = view.getJsonNumber("version").longValue();
        String change = """
                {"version":%d,"name":"Mine","strategy":"LONGEST_IDLE","slaPercent":80,"slaSeconds":20,
                 "wrapUpSeconds":0,"enabled":true%s}""";
        refused(api.put("/api/v1/queues/" + mine, change.formatted(version,
                ",\"policy\":{\"maxSize\":2,\"overflowKind\":\"QUEUE\",\"overflowQueueId\":" + mine + "}")),
                "overflowQueueId");

        Http.Reply changed = api.put("/api/v1/queues/" + mine, change.formatted(version,
                ",\"policy\":{\"ringTimeoutSeconds\":25,\"relaxation\":[{\"afterSeconds\":30,\"levelCap\":3}]}"));
        assertEquals(200, changed.status(), changed::toString);
        Http.Reply kept = api.put("/api/v1/queues/" + mine, change.formatted(
                changed.json().getJsonNumber("version").longValue(), ""));
        assertEquals(200, kept.status(), kept::toString);
        JsonObject policy = kept.json().getJsonObject("policy");
        assertEquals(25, policy.getInt("ringTimeoutSeconds"), "a PUT without a policy keeps the queue's");
        assertEquals(3, policy.getJsonArray("relaxation").getJsonObject(0).getInt("levelCap"));
        assertEquals(3, policy.getInt("missedOffersBeforePause"), "left out of the policy: the default");
        assertEquals(409, api.put("/api/v1/queues/" + mine, change.formatted(version, "")).status(),
                "PUT keeps the optimistic version");
        assertTrue(!policy.containsKey("maxWaitSeconds") || policy.isNull("maxWaitSeconds"), "no maximum wait");
    }

    @Test
    void anAgentWithoutVoiceCapacityGetsChatsButNoCalls() {
        Http api = Fixtures.newTenant().api();
        Http.Reply bad = api.post("/api/v1/agents", """
                {"extension":"3101","displayName":"Too many","capacity":{"voice":2}}""");
        refused(bad, "capacity.voice");
        Http.Reply created = api.post("/api/v1/agents", """
                {"extension":"3102","displayName":"Chat only","capacity":{"voice":0,"chat":2}}""");
        assertEquals(201, created.status(), created::toString);
        long agent = created.json().getJsonNumber("id").longValue();
        JsonObject capacity = created.json().getJsonObject("capacity");
        assertEquals(0, capacity.getInt("voice"));
        assertEquals(2, capacity.getInt("chat"));
        assertEquals(1, capacity.getInt("callback"), "left out: the default");

        long queue = queue(api, "Blended", null);
        assertEquals(200, api.put("/api/v1/queues/" + queue + "/members/" + agent, "").status());
        Http desk = Fixtures.agentKey(api, agent);
        Http.Reply in = desk.post("/api/v1/agents/" + agent + "/state", "{\"action\":\"LOG_IN\"}");
        assertEquals("AVAILABLE", in.json().getString("state"), in::toString);

        JsonObject call = customer(api, queue, "+331301");
        assertEquals("WAITING", call.getString("status"));
        assertEquals(204, api.get("/api/v1/agents/" + agent + "/offer").status(), "no voice capacity: no call");

        Http.Reply chat = api.post("/api/v1/queues/" + queue + "/interactions", """
                {"channel":"CHAT","customer":"chat-1"}""");
        assertEquals(201, chat.status(), chat::toString);
        Http.Reply offer = api.get("/api/v1/agents/" + agent + "/offer");
        assertEquals(200, offer.status(), offer::toString);
        assertEquals(chat.json().getString("id"), offer.json().getString("interaction"));

        JsonObject view = api.get("/api/v1/agents/" + agent).json();
        Http.Reply kept = api.put("/api/v1/agents/" + agent, """
                {"version":%d,"extension":"3102","displayName":"Chat only, renamed","enabled":true}"""
                .formatted(view.getJsonNumber("version").longValue()));
        assertEquals(200, kept.status(), kept::toString);
        assertEquals(0, kept.json().getJsonObject("capacity").getInt("voice"), "a PUT without capacity keeps it");
    }
}
