package org.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reconciler in the deployed server: each kind of broken routing invariant is injected into the tenant's own
 * engine (it-support.war's {@code /acd}), and the repair is seen where users see it — agent states, offers and
 * interactions over the REST API — and in the event log, one {@code acd.InvariantRepaired} event per violation,
 * naming it. The first two are left to the engine's periodic pass (every 30 s); the four that involve a ringing
 * offer must be repaired within the 15 s ring timeout, so the test asks for a pass at once, right after a periodic
 * one so that no periodic pass comes between.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AcdReconcilerIT {

    /** One reconciler period (30 s) and room for a busy machine. */
    private static final Duration PERIODIC = Duration.ofSeconds(75);
    private static final Duration EVENTUALLY = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ParleyDeployment.earWithTestSupport();
    }

    private Fixtures.TestTenant tenant;
    private Http api;
    private final Map<Long, Http> desks = new HashMap<>();

    @Test
    void everyKindOfViolationIsRepairedAndLoggedOnce() {
        tenant = Fixtures.newTenant();
        api = tenant.api();

        // left to the periodic pass: agents held for interactions that do not exist
        long reserved = readyAgentIn("Ghost reservation", "4101");
        long busy = readyAgentIn("Phantom call", "4102");
        inject("RESERVED_WITHOUT_OFFER", reserved, null);
        inject("BUSY_WITHOUT_INTERACTION", busy, null);
        assertTrue(Fixtures.eventually(PERIODIC, () -> "AVAILABLE".equals(state(reserved).getString("state"))
                && "AVAILABLE".equals(state(busy).getString("state"))),
                () -> "the periodic pass did not release them: " + state(reserved) + " " + state(busy));
        assertTrue(state(busy).getJsonArray("openInteractions").isEmpty());
        // A periodic pass has just run, so the next is about 30 s away: the rest is set up and repaired by the pass
        // the test asks for well before it, and each fault is seen as injected before it is repaired.

        // a customer ringing at two agents outside ring-all
        long first = agent("4201");
        long second = agent("4202");
        long several = queue("Ringing twice", first, second);
        login(first);
        login(second);
        pause(second);
        String twice = customer(several, "+33100000201");
        assertEquals(twice, ringingAt(first).getString("interaction"));
        inject("OFFERED_TO_SEVERAL", second, twice);
        assertEquals(twice, ringingAt(second).getString("interaction"), "the fault rang it at both");

        // an offer ringing at an agent whose phone is gone
        long lost = agent("4301");
        long spare = agent("4302");
        long unreachable = queue("Lost phone", lost, spare);
        login(lost);
        login(spare);
        String stranded = customer(unreachable, "+33100000301");
        assertEquals(stranded, ringingAt(lost).getString("interaction"), "the longest idle is tried first");
        inject("OFFERED_TO_UNREACHABLE", lost, stranded);

        // an offer still ringing for a customer who has gone
        long still = agent("4401");
        long dead = queue("Gone customer", still);
        login(still);
        String gone = customer(dead, "+33100000401");
        String goneOffer = ringingAt(still).getString("id");
        inject("OFFER_FOR_DEAD_INTERACTION", null, gone);

        // a customer marked as ringing who rings nowhere
        long idle = agent("4501");
        long unseen = queue("Unseen", idle);
        login(idle);
        pause(idle);
        String forgotten = customer(unseen, "+33100000501");
        inject("OFFERED_WITHOUT_LEASE", null, forgotten);
        ready(idle);
        assertEquals(204, api.get("/api/v1/agents/" + idle + "/offer").status(), "nothing rings: the router cannot "
                + "see a customer marked as ringing");

        Http.Reply pass = Http.anonymous().post("/it-support/acd?tenant=" + tenant.id() + "&fault=reconcile", "");
        assertEquals(200, pass.status(), pass::toString);
        assertEquals(List.of("OFFERED_TO_SEVERAL", "OFFERED_TO_UNREACHABLE", "OFFER_FOR_DEAD_INTERACTION",
                "OFFERED_WITHOUT_LEASE").stream().sorted().toList(), pass.body().lines().sorted().toList());

        assertEquals(twice, ringingAt(first).getString("interaction"), "the first lease, earned by its place, stays");
        assertEquals("AVAILABLE", state(second).getString("state"));
        assertEquals(204, api.get("/api/v1/agents/" + second + "/offer").status());
        List<JsonObject> twiceOffers = offers(twice);
        assertEquals(List.of("RINGING", "CANCELLED"), twiceOffers.stream().map(o -> o.getString("outcome")).toList());
        assertTrue(twiceOffers.get(1).getString("endReason").startsWith("reconciler:"), twiceOffers::toString);

        assertEquals(stranded, ringingAt(spare).getString("interaction"), "offered to the agent who can answer");
        assertFalse(state(lost).getBoolean("reachable"));
        assertEquals(204, api.get("/api/v1/agents/" + lost + "/offer").status());

        JsonObject goneNow = api.get("/api/v1/interactions/" + gone).json();
        assertEquals("ABANDONED", goneNow.getString("status"));
        assertEquals("CANCELLED", offers(gone).get(0).getString("outcome"));
        assertEquals(goneOffer, offers(gone).get(0).getString("id"));
        assertEquals("AVAILABLE", state(still).getString("state"));

        assertEquals(forgotten, ringingAt(idle).getString("interaction"), "back in line and offered");

        assertTrue(Fixtures.eventually(EVENTUALLY, () -> repairs().size() >= 6), () -> "logged: " + repairs());
        Map<String, List<JsonObject>> byKind = repairs().stream()
                .collect(Collectors.groupingBy(e -> e.getJsonObject("details").getString("violation")));
        assertEquals(Map.of("RESERVED_WITHOUT_OFFER", 1, "BUSY_WITHOUT_INTERACTION", 1, "OFFERED_TO_SEVERAL", 1,
                "OFFERED_TO_UNREACHABLE", 1, "OFFER_FOR_DEAD_INTERACTION", 1, "OFFERED_WITHOUT_LEASE", 1),
                byKind.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size())),
                "one event per violation, naming it");
        Function<String, JsonObject> details = kind -> byKind.get(kind).get(0).getJsonObject("details");
        assertEquals(Long.toString(reserved), details.apply("RESERVED_WITHOUT_OFFER").getString("agent"));
        assertEquals(Long.toString(busy), details.apply("BUSY_WITHOUT_INTERACTION").getString("agent"));
        assertEquals(twice, details.apply("OFFERED_TO_SEVERAL").getString("interaction"));
        assertEquals(Long.toString(second), details.apply("OFFERED_TO_SEVERAL").getString("agent"));
        assertEquals(Long.toString(lost), details.apply("OFFERED_TO_UNREACHABLE").getString("agent"));
        assertEquals(goneOffer, details.apply("OFFER_FOR_DEAD_INTERACTION").getString("offer"));
        assertEquals(forgotten, details.apply("OFFERED_WITHOUT_LEASE").getString("interaction"));
        byKind.values().forEach(events -> assertFalse(events.get(0).getJsonObject("details").getString("reason")
                .isBlank(), "each says what was done"));

        Http.Reply again = Http.anonymous().post("/it-support/acd?tenant=" + tenant.id() + "&fault=reconcile", "");
        assertEquals("", again.body(), "a second pass finds nothing");
    }

    private void inject(String fault, Long agent, String interaction) {
        Http.Reply reply = Http.anonymous().post("/it-support/acd?tenant=" + tenant.id() + "&fault=" + fault
                + (agent == null ? "" : "&agent=" + agent) + (interaction == null ? "" : "&interaction=" + interaction),
                "");
        assertEquals(204, reply.status(), reply::toString);
    }

    private List<JsonObject> repairs() {
        Http.Reply reply = Http.anonymous().get("/it-support/acd?tenant=" + tenant.id());
        assertEquals(200, reply.status(), reply::toString);
        return reply.array().stream().map(JsonValue::asJsonObject).toList();
    }

    private long readyAgentIn(String queueName, String extension) {
        long agent = agent(extension);
        queue(queueName, agent);
        login(agent);
        return agent;
    }

    private long agent(String extension) {
        Http.Reply created = api.post("/api/v1/agents", """
                {"extension":"%s","displayName":"Agent %s","skills":[]}""".formatted(extension, extension));
        assertEquals(201, created.status(), created::toString);
        return created.json().getJsonNumber("id").longValue();
    }

    private long queue(String name, long... members) {
        Http.Reply created = api.post("/api/v1/queues", """
                {"name":"%s","strategy":"LONGEST_IDLE","slaPercent":80,"slaSeconds":20,"wrapUpSeconds":0}"""
                .formatted(name));
        assertEquals(201, created.status(), created::toString);
        long id = created.json().getJsonNumber("id").longValue();
        for (long member : members) {
            Http.Reply added = api.put("/api/v1/queues/" + id + "/members/" + member, "");
            assertEquals(200, added.status(), added::toString);
        }
        return id;
    }

    private void login(long agent) {
        command(agent, "{\"action\":\"LOG_IN\"}");
    }

    private void ready(long agent) {
        command(agent, "{\"action\":\"READY\"}");
    }

    private void pause(long agent) {
        command(agent, "{\"action\":\"PAUSE\",\"reason\":\"training\"}");
    }

    /** Agents change their own state: each through a key of its own, issued on first use. */
    private void command(long agent, String body) {
        Http desk = desks.computeIfAbsent(agent, a -> Fixtures.agentKey(api, a));
        Http.Reply reply = desk.post("/api/v1/agents/" + agent + "/state", body);
        assertEquals(200, reply.status(), reply::toString);
    }

    private JsonObject state(long agent) {
        return api.get("/api/v1/agents/" + agent + "/state").json();
    }

    private JsonObject ringingAt(long agent) {
        Http.Reply reply = api.get("/api/v1/agents/" + agent + "/offer");
        assertEquals(200, reply.status(), () -> "nothing rings at " + agent + ": " + reply);
        return reply.json();
    }

    private String customer(long queue, String number) {
        Http.Reply queued = api.post("/api/v1/queues/" + queue + "/interactions",
                "{\"channel\":\"VOICE\",\"customer\":\"" + number + "\"}");
        assertEquals(201, queued.status(), queued::toString);
        return queued.json().getString("id");
    }

    private List<JsonObject> offers(String interaction) {
        return api.get("/api/v1/interactions/" + interaction).json().getJsonArray("offers").stream()
                .map(JsonValue::asJsonObject).toList();
    }
}
