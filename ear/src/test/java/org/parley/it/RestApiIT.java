package org.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The REST API as a client sees it: keys, CRUD, the problem bodies for bad input, and tenant isolation. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RestApiIT {

    private static final String AGENT = """
            {"extension":"%s","displayName":"Ann Agent","sipPassword":"correct-horse-battery",
             "skills":[{"name":"english","level":7},{"name":"billing","level":4}]}""";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ParleyDeployment.earWithTestSupport();
    }

    @Test
    void refusesRequestsWithoutAValidKey() {
        Http.Reply none = Http.anonymous().get("/api/v1/agents");
        assertEquals(401, none.status(), none::toString);
        assertEquals("application/problem+json", none.header("Content-Type"));
        assertNotNull(none.header("WWW-Authenticate"));
        Http.Reply wrong = Http.anonymous().withKey("pk_not-a-real-key").get("/api/v1/agents");
        assertEquals(401, wrong.status(), wrong::toString);
    }

    @Test
    void createsReadsUpdatesAndDisablesAnAgent() {
        Http api = Fixtures.newTenant().api();
        Http.Reply created = api.post("/api/v1/agents", AGENT.formatted("1001"));
        assertEquals(201, created.status(), created::toString);
        JsonObject agent = created.json();
        long id = agent.getJsonNumber("id").longValue();
        assertEquals("1001", agent.getString("extension"));
        assertTrue(agent.getBoolean("sipPasswordSet"));
        assertFalse(created.body().contains("correct-horse"), "the SIP password never comes back");
        assertEquals(2, agent.getJsonArray("skills").size());

        Http.Reply read = api.get("/api/v1/agents/" + id);
        assertEquals(200, read.status(), read::toString);
        long version = read.json().getJsonNumber("version").longValue();

        Http.Reply updated = api.put("/api/v1/agents/" + id, """
                {"version":%d,"extension":"1001","displayName":"Ann B. Agent",
                 "skills":[{"name":"english","level":9}],"enabled":true}""".formatted(version));
        assertEquals(200, updated.status(), updated::toString);
        assertEquals("Ann B. Agent", updated.json().getString("displayName"));
        assertTrue(updated.json().getBoolean("sipPasswordSet"), "keeping the extension keeps the password");

        Http.Reply stale = api.put("/api/v1/agents/" + id, """
                {"version":%d,"extension":"1001","displayName":"Lost update","skills":[],"enabled":true}"""
                .formatted(version));
        assertEquals(409, stale.status(), stale::toString);

        assertEquals(204, api.delete("/api/v1/agents/" + id).status());
        assertFalse(api.get("/api/v1/agents/" + id).json().getBoolean("enabled"));
        assertTrue(api.get("/api/v1/agents").array().stream()
                .anyMatch(a -> a.asJsonObject().getString("extension").equals("1001")));
    }

    @Test
    void agentsCreatedAtTheSameTimeAreAllCreated() throws Exception {
        Http api = Fixtures.newTenant().api();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String extension = Integer.toString(5000 + i);
                replies.add(clients.submit(() -> api.post("/api/v1/agents", AGENT.formatted(extension))));
            }
            for (Future<Http.Reply> reply : replies) {
                Http.Reply r = reply.get(60, TimeUnit.SECONDS);
                assertEquals(201, r.status(), r::toString);
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(64, api.get("/api/v1/agents").array().size());
    }

    @Test
    void badInputGetsAProblemNamingTheField() {
        Http api = Fixtures.newTenant().api();

        Http.Reply unparseable = api.post("/api/v1/agents", "{\"extension\": ");
        assertEquals(400, unparseable.status(), unparseable::toString);
        assertEquals("application/problem+json", unparseable.header("Content-Type"));

        Http.Reply badExtension = api.post("/api/v1/agents", AGENT.formatted("12ab"));
        assertEquals(422, badExtension.status(), badExtension::toString);
        assertEquals("extension", badExtension.json().getJsonArray("errors").getJsonObject(0).getString("field"));

        Http.Reply shortPassword = api.post("/api/v1/agents",
                "{\"extension\":\"2001\",\"displayName\":\"Bob\",\"sipPassword\":\"short\"}");
        assertEquals(422, shortPassword.status(), shortPassword::toString);
        assertEquals("sipPassword", shortPassword.json().getJsonArray("errors").getJsonObject(0).getString("field"));

        Http.Reply badSkill = api.post("/api/v1/agents",
                "{\"extension\":\"2002\",\"displayName\":\"Bob\",\"skills\":[{\"name\":\"english\",\"level\":11}]}");
        assertEquals(422, badSkill.status(), badSkill::toString);
        assertTrue(badSkill.json().getJsonArray("errors").getJsonObject(0).getString("field").startsWith("skills"),
                badSkill::toString);

        assertEquals(201, api.post("/api/v1/agents", AGENT.formatted("3001")).status());
        Http.Reply duplicate = api.post("/api/v1/agents", AGENT.formatted("3001"));
        assertEquals(409, duplicate.status(), duplicate::toString);
        assertEquals("extension", duplicate.json().getJsonArray("errors").getJsonObject(0).getString("field"));

        Http.Reply unknown = api.get("/api/v1/agents/987654321");
        assertEquals(404, unknown.status(), unknown::toString);
        assertEquals("application/problem+json", unknown.header("Content-Type"));
    }

    @Test
    void oneTenantsKeyCannotSeeOrChangeAnothersData() {
        Http alpha = Fixtures.newTenant().api();
        Http beta = Fixtures.newTenant().api();
        JsonObject agent = alpha.post("/api/v1/agents", AGENT.formatted("4001")).json();
        long id = agent.getJsonNumber("id").longValue();
        long version = agent.getJsonNumber("version").longValue();
        Http.Reply created = alpha.post("/api/v1/queues", """
                {"name":"Sales","strategy":"LONGEST_IDLE","slaPercent":80,"slaSeconds":20,"wrapUpSeconds":30}""");
        assertEquals(201, created.status(), created::toString);
        JsonObject queue = created.json();

        assertEquals(404, beta.get("/api/v1/agents/" + id).status());
        assertEquals(404, beta.put("/api/v1/agents/" + id, """
                {"version":%d,"extension":"4001","displayName":"Hijacked","skills":[],"enabled":true}"""
                .formatted(version)).status());
        assertEquals(404, beta.delete("/api/v1/agents/" + id).status());
        assertEquals(404, beta.get("/api/v1/queues/" + queue.getJsonNumber("id")).status());
        assertTrue(beta.get("/api/v1/agents").array().isEmpty(), "beta sees none of alpha's agents");
        assertTrue(beta.get("/api/v1/queues").array().isEmpty(), "beta sees none of alpha's queues");
        // The same extension is free in the other tenant: extensions are unique per tenant, not globally.
        assertEquals(201, beta.post("/api/v1/agents", AGENT.formatted("4001")).status());

        JsonObject unchanged = alpha.get("/api/v1/agents/" + id).json();
        assertEquals("Ann Agent", unchanged.getString("displayName"));
        assertTrue(unchanged.getBoolean("enabled"));
    }

    @Test
    void managesQueuesAndUsers() {
        Http api = Fixtures.newTenant().api();
        Http.Reply queue = api.post("/api/v1/queues", """
                {"name":"Support","strategy":"SKILLS_WEIGHTED","slaPercent":80,"slaSeconds":20,"wrapUpSeconds":15}""");
        assertEquals(201, queue.status(), queue::toString);
        assertEquals(409, api.post("/api/v1/queues", """
                {"name":"Support","strategy":"RING_ALL","slaPercent":90,"slaSeconds":10,"wrapUpSeconds":0}""")
                .status());
        Http.Reply badStrategy = api.post("/api/v1/queues", """
                {"name":"Other","strategy":"RANDOM","slaPercent":80,"slaSeconds":20,"wrapUpSeconds":15}""");
        assertEquals(400, badStrategy.status(), badStrategy::toString);
        Http.Reply badSla = api.post("/api/v1/queues", """
                {"name":"Other","strategy":"RING_ALL","slaPercent":180,"slaSeconds":20,"wrapUpSeconds":15}""");
        assertEquals(422, badSla.status(), badSla::toString);
        assertEquals("slaPercent", badSla.json().getJsonArray("errors").getJsonObject(0).getString("field"));

        Http.Reply user = api.post("/api/v1/users", """
                {"username":"sue-%d","displayName":"Sue Supervisor","role":"SUPERVISOR",
                 "password":"a-long-enough-password"}""".formatted(System.nanoTime()));
        assertEquals(201, user.status(), user::toString);
        assertFalse(user.body().contains("a-long-enough-password"));
        Http.Reply weak = api.post("/api/v1/users", """
                {"username":"weak-%d","displayName":"Weak","role":"AGENT","password":"short"}"""
                .formatted(System.nanoTime()));
        assertEquals(422, weak.status(), weak::toString);
        assertEquals("password", weak.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    }

    @Test
    void answersAStaffingQuestionByErlangC() {
        Http api = Fixtures.newTenant().api();
        // The worked example in shared/notes/contact-center-kpis.md: 100 calls in 30 min, AHT 180 s, 80 % in 20 s.
        Http.Reply reply = api.get("/api/v1/staffing/erlang-c?arrivals=100&periodMinutes=30&ahtSeconds=180"
                + "&targetPercent=80&thresholdSeconds=20&shrinkagePercent=30");
        assertEquals(200, reply.status(), reply::toString);
        JsonObject plan = reply.json();
        assertEquals(10.0, plan.getJsonNumber("trafficErlangs").doubleValue(), 1e-9);
        assertEquals(14, plan.getInt("agents"));
        assertEquals(20, plan.getInt("scheduled"), "14 / (1 - 0.3) = 20");
        assertEquals(0.1741, plan.getJsonNumber("probabilityOfWaiting").doubleValue(), 0.00005);
        assertEquals(88.8, plan.getJsonNumber("serviceLevelPercent").doubleValue(), 0.05);
        assertEquals(7.8, plan.getJsonNumber("asaSeconds").doubleValue(), 0.05);
        JsonObject thirteen = plan.getJsonArray("curve").getValuesAs(JsonObject.class).stream()
                .filter(l -> l.getInt("agents") == 13).findFirst().orElseThrow();
        assertEquals(79.6, thirteen.getJsonNumber("serviceLevelPercent").doubleValue(), 0.05);

        Http.Reply bad = api.get("/api/v1/staffing/erlang-c?arrivals=100&ahtSeconds=0");
        assertEquals(422, bad.status(), bad::toString);
        assertEquals("ahtSeconds", bad.json().getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals(401, Http.anonymous().get("/api/v1/staffing/erlang-c?arrivals=1&ahtSeconds=60").status());
    }

    @Test
    void servesTheOpenApiDocument() {
        Http.Reply openapi = Http.anonymous().get("/openapi?format=JSON");
        assertEquals(200, openapi.status(), openapi::toString);
        assertTrue(openapi.body().contains("/api/v1/agents"), "documents the agents resource");
        assertTrue(openapi.body().contains("/api/v1/health"), "documents health");
    }
}
