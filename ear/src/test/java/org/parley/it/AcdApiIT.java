package org.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ACD through its REST API on a running server: agent state, a customer queued, offered with its explanation,
 * accepted and completed; another abandoned; the live view and the report (both from the event log) agreeing with
 * numbers worked out by hand; bad input; tenant isolation.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AcdApiIT {

    private static final Duration EVENTUALLY = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ParleyDeployment.earWithTestSupport();
    }

    private static long agent(Http api, String extension, String skills) {
        Http.Reply created = api.post("/api/v1/agents", """
                {"extension":"%s","displayName":"Agent %s","skills":[%s]}""".formatted(extension, extension, skills));
        assertEquals(201, created.status(), created::toString);
        return created.json().getJsonNumber("id").longValue();
    }

    private static long queue(Http api, String name, long... members) {
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

    private static Http.Reply state(Http api, long agent, String action) {
        return api.post("/api/v1/agents/" + agent + "/state", "{\"action\":\"" + action + "\"}");
    }

    private static String customer(Http api, long queue, String number) {
        Http.Reply queued = api.post("/api/v1/queues/" + queue + "/interactions", """
                {"channel":"VOICE","customer":"%s","requiredSkills":[{"skill":"billing","level":3}]}"""
                .formatted(number));
        assertEquals(201, queued.status(), queued::toString);
        return queued.json().getString("id");
    }

    @Test
    void aCustomerIsOfferedAnsweredAndCountedAndAnAbandonIsCountedApart() {
        Http api = Fixtures.newTenant().api();
        long ann = agent(api, "2001", "{\"name\":\"billing\",\"level\":7}");
        long billing = queue(api, "Billing", ann);
        Http annDesk = Fixtures.agentKey(api, ann);

        Http.Reply loggedOut = annDesk.get("/api/v1/agents/" + ann + "/state");
        assertEquals(200, loggedOut.status(), loggedOut::toString);
        assertEquals("LOGGED_OUT", loggedOut.json().getString("state"));
        Http.Reply notYet = state(annDesk, ann, "READY");
        assertEquals(409, notYet.status(), notYet::toString);
        assertTrue(notYet.json().getString("detail").contains("LOGGED_OUT"), notYet::toString);
        assertEquals("AVAILABLE", state(annDesk, ann, "LOG_IN").json().getString("state"));

        String first = customer(api, billing, "+33100000001");
        Http.Reply ringing = api.get("/api/v1/agents/" + ann + "/offer");
        assertEquals(200, ringing.status(), ringing::toString);
        JsonObject offer = ringing.json();
        assertEquals(first, offer.getString("interaction"));
        JsonObject decision = offer.getJsonObject("decision");
        assertEquals("LONGEST_IDLE", decision.getString("strategy"));
        assertEquals(ann, decision.getJsonArray("chosen").getJsonNumber(0).longValue());
        assertEquals(7, decision.getJsonArray("candidates").getJsonObject(0).getJsonObject("skillsMatched")
                .getInt("billing"), "the explanation shows the skills matched");
        assertEquals("RESERVED", api.get("/api/v1/agents/" + ann + "/state").json().getString("state"));

        Http.Reply accepted = annDesk.post("/api/v1/offers/" + offer.getString("id") + "/accept", "");
        assertEquals(200, accepted.status(), accepted::toString);
        assertEquals("ACCEPTED", accepted.json().getString("outcome"));
        assertEquals("CONNECTED", api.get("/api/v1/interactions/" + first).json().getString("status"));
        Http.Reply busy = state(annDesk, ann, "READY");
        assertEquals(409, busy.status(), busy::toString);
        assertTrue(busy.json().getString("detail").contains("BUSY"), busy::toString);
        assertEquals(200, api.get("/api/v1/offers/" + offer.getString("id")).status());

        Http.Reply completed = annDesk.post("/api/v1/interactions/" + first + "/complete", "");
        assertEquals(200, completed.status(), completed::toString);
        assertEquals("COMPLETED", completed.json().getString("status"));

        assertTrue(Fixtures.eventually(EVENTUALLY, () -> "AVAILABLE".equals(
                api.get("/api/v1/agents/" + ann + "/state").json().getString("state"))), "wrap-up of 0 s ends");
        Http.Reply paused = annDesk.post("/api/v1/agents/" + ann + "/state",
                "{\"action\":\"PAUSE\",\"reason\":\"lunch\"}");
        assertEquals("PAUSED", paused.json().getString("state"), paused::toString);
        assertEquals("lunch", paused.json().getString("pauseReason"));

        String second = customer(api, billing, "+33100000002");
        JsonObject waiting = api.get("/api/v1/interactions/" + second).json();
        assertEquals("WAITING", waiting.getString("status"));
        assertEquals(1, waiting.getInt("position"));
        Http.Reply left = api.delete("/api/v1/interactions/" + second);
        assertEquals(200, left.status(), left::toString);
        assertEquals("ABANDONED", left.json().getString("status"));

        // By hand: two offered, one answered within 20 s, one abandoned within 5 s (a short abandon), one handled.
        // SL = 1 answered in time / (1 answered + 0 abandoned after T) = 1.0; abandon rate = 0 / (2 - 1) = 0.
        assertTrue(Fixtures.eventually(EVENTUALLY, () -> {
            JsonObject today = api.get("/api/v1/queues/" + billing + "/live").json().getJsonObject("today");
            // every step is in the log: the abandon may reach it in a later batch than the second customer's arrival
            return today != null && today.getInt("offered") == 2 && today.getInt("handled") == 1
                    && today.getInt("shortAbandons") + today.getInt("abandoned") == 1;
        }), () -> api.get("/api/v1/queues/" + billing + "/live").toString());
        JsonObject live = api.get("/api/v1/queues/" + billing + "/live").json();
        assertEquals(0, live.getInt("waiting"));
        assertEquals(1, live.getJsonObject("agents").getInt("PAUSED"));
        JsonObject today = live.getJsonObject("today");
        assertEquals(1, today.getInt("answered"));
        assertEquals(1, today.getInt("shortAbandons"));
        assertEquals(0, today.getInt("abandoned"));
        assertEquals(1.0, today.getJsonNumber("serviceLevel").doubleValue());
        assertEquals(0.0, today.getJsonNumber("abandonRate").doubleValue());

        JsonObject inAll = api.get("/api/v1/queues/live").array().stream().map(v -> v.asJsonObject())
                .filter(q -> q.getJsonNumber("queue").longValue() == billing).findFirst().orElseThrow();
        assertEquals(today, inAll.getJsonObject("today"), "every queue at once shows the same figures");

        Instant from = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        Instant to = Instant.now().plus(Duration.ofHours(2));
        String query = "/api/v1/reports/queues?from=" + from + "&to=" + to + "&interval=P1D";
        Http.Reply report = api.get(query);
        assertEquals(200, report.status(), report::toString);
        JsonObject row = report.array().stream().map(v -> v.asJsonObject())
                .filter(r -> r.getJsonNumber("queue").longValue() == billing).findFirst().orElseThrow();
        assertEquals(today, row, "the report and the live view are the same projection of the same log");

        Http.Reply csv = api.get(query, "text/csv");
        assertEquals(200, csv.status(), csv::toString);
        assertTrue(csv.header("Content-Type").startsWith("text/csv"), csv::toString);
        String[] lines = csv.body().split("\r\n");
        assertTrue(lines[0].startsWith("queue,interval_start,offered,answered,abandoned,short_abandons"), lines[0]);
        assertTrue(csv.body().contains("\r\n" + billing + ","), csv.body());

        // The agent report of the same day: ann was rung once and took it, then paused for lunch (still paused).
        String agentQuery = "/api/v1/reports/agents?from=" + from + "&to=" + to + "&interval=P1D";
        Http.Reply agents = api.get(agentQuery);
        assertEquals(200, agents.status(), agents::toString);
        List<JsonObject> annRows = agents.array().stream().map(v -> v.asJsonObject())
                .filter(r -> r.getJsonNumber("agent").longValue() == ann).toList();
        assertEquals(1, annRows.stream().mapToInt(r -> r.getInt("offered")).sum(), agents::toString);
        assertEquals(1, annRows.stream().mapToInt(r -> r.getInt("accepted")).sum());
        assertEquals(0, annRows.stream().mapToInt(r -> r.getInt("declined") + r.getInt("missed")).sum());
        JsonObject last = annRows.get(annRows.size() - 1);
        assertTrue(last.getJsonObject("pausedSecondsByReason").containsKey("lunch"), last::toString);
        assertEquals(last.getJsonNumber("loggedInSeconds").doubleValue(), last.getJsonNumber("handlingSeconds")
                .doubleValue() + last.getJsonNumber("idleSeconds").doubleValue()
                + last.getJsonNumber("pausedSeconds").doubleValue(), 0.0015, last::toString);
        assertTrue(annDesk.get(agentQuery).array().stream()
                .allMatch(r -> r.asJsonObject().getJsonNumber("agent").longValue() == ann), "ann sees her own rows");
        Http.Reply agentCsv = annDesk.get(agentQuery, "text/csv");
        assertEquals(200, agentCsv.status(), agentCsv::toString);
        assertTrue(agentCsv.body().startsWith("agent,interval_start,logged_in_seconds"), agentCsv.body());
        assertTrue(agentCsv.body().contains("\"lunch="), agentCsv.body());

        // Erlang C from the queue's own figures of the last hour: two arrivals, one handled.
        Http.Reply staffing = api.get("/api/v1/staffing/erlang-c?queue=" + billing + "&periodMinutes=60");
        assertEquals(200, staffing.status(), staffing::toString);
        JsonObject figures = staffing.json().getJsonObject("live");
        assertEquals(2, figures.getInt("offered"), staffing::toString);
        assertEquals(1, figures.getInt("handled"));
        assertTrue(staffing.json().getInt("agents") >= 1, staffing::toString);
        Http.Reply quiet = api.get("/api/v1/staffing/erlang-c?queue=" + queue(api, "Quiet") + "&ahtSeconds=60");
        assertEquals(422, quiet.status(), quiet::toString);
        assertTrue(quiet.json().getString("detail").contains("no arrivals"), quiet::toString);
        assertEquals(404, api.get("/api/v1/staffing/erlang-c?queue=999999").status());
        assertEquals(403, annDesk.get("/api/v1/staffing/erlang-c?queue=" + billing).status());
    }

    @Test
    void anAgentAndAMemberAddedWhileTheEngineRunsTakeCustomers() {
        Http api = Fixtures.newTenant().api();
        long ann = agent(api, "2101", "{\"name\":\"billing\",\"level\":5}");
        long billing = queue(api, "Billing", ann);
        Http annDesk = Fixtures.agentKey(api, ann);
        assertEquals("AVAILABLE", state(annDesk, ann, "LOG_IN").json().getString("state"), "engine started");
        state(annDesk, ann, "LOG_OUT");

        long bob = agent(api, "2102", "{\"name\":\"billing\",\"level\":9}");
        assertEquals(200, api.put("/api/v1/queues/" + billing + "/members/" + bob, "").status());
        assertEquals("AVAILABLE", state(Fixtures.agentKey(api, bob), bob, "LOG_IN").json().getString("state"));
        customer(api, billing, "+33100000003");
        assertTrue(Fixtures.eventually(EVENTUALLY, () -> api.get("/api/v1/agents/" + bob + "/offer").status() == 200),
                "the new member is offered the customer");

        Http.Reply gone = api.delete("/api/v1/queues/" + billing + "/members/" + bob);
        assertEquals(200, gone.status(), gone::toString);
        assertEquals(0, gone.json().getJsonArray("members").stream()
                .filter(m -> m.toString().equals(Long.toString(bob))).count());
    }

    @Test
    void agentsActOnlyForThemselvesAndSupervisorsMayOnlyForcePauseOrLogout() {
        Fixtures.TestTenant tenant = Fixtures.newTenant();
        Http admin = tenant.api();
        long ann = agent(admin, "2401", "{\"name\":\"billing\",\"level\":5}");
        long bob = agent(admin, "2402", "{\"name\":\"billing\",\"level\":5}");
        long billing = queue(admin, "Billing", ann, bob);
        Http annDesk = Fixtures.agentKey(admin, ann);
        Http bobDesk = Fixtures.agentKey(admin, bob);

        Http.Reply readyByAdmin = state(admin, ann, "LOG_IN");
        assertEquals(403, readyByAdmin.status(), readyByAdmin::toString);
        assertTrue(readyByAdmin.json().getString("detail").contains("only agent " + ann), readyByAdmin::toString);
        assertEquals(403, state(bobDesk, ann, "LOG_IN").status(), "bob cannot log ann in");
        assertEquals(403, bobDesk.get("/api/v1/agents/" + ann + "/state").status(), "nor see her state");
        assertEquals("LOGGED_OUT", admin.get("/api/v1/agents/" + ann + "/state").json().getString("state"),
                "refusals changed nothing");

        assertEquals("AVAILABLE", state(annDesk, ann, "LOG_IN").json().getString("state"));
        customer(admin, billing, "+33100000005");
        JsonObject offer = annDesk.get("/api/v1/agents/" + ann + "/offer").json();
        String offerId = offer.getString("id");
        assertEquals(403, bobDesk.post("/api/v1/offers/" + offerId + "/accept", "").status(), "not bob's offer");
        assertEquals(403, bobDesk.get("/api/v1/offers/" + offerId).status());
        Http.Reply acceptedByAdmin = admin.post("/api/v1/offers/" + offerId + "/accept", "");
        assertEquals(403, acceptedByAdmin.status(), "an admin cannot pick up for ann: " + acceptedByAdmin);
        assertEquals(200, admin.get("/api/v1/offers/" + offerId).status(), "a supervisor may look at it");
        assertEquals("RINGING", annDesk.get("/api/v1/offers/" + offerId).json().getString("outcome"),
                "still ringing at ann after the refusals");
        assertEquals(200, annDesk.post("/api/v1/offers/" + offerId + "/accept", "").status());
        assertEquals(403, bobDesk.post("/api/v1/interactions/" + offer.getString("interaction") + "/complete", "")
                .status(), "bob cannot complete ann's customer");
        assertEquals(200, annDesk.post("/api/v1/interactions/" + offer.getString("interaction") + "/complete", "")
                .status());
        assertTrue(Fixtures.eventually(EVENTUALLY, () -> "AVAILABLE".equals(
                annDesk.get("/api/v1/agents/" + ann + "/state").json().getString("state"))));

        Http.Reply forced = admin.post("/api/v1/agents/" + ann + "/state",
                "{\"action\":\"PAUSE\",\"reason\":\"coaching\"}");
        assertEquals(200, forced.status(), forced::toString);
        assertEquals("coaching", forced.json().getString("pauseReason"));
        assertEquals(403, state(admin, ann, "READY").status(), "only ann comes back from a forced pause");
        assertEquals("LOGGED_OUT", state(admin, ann, "LOG_OUT").json().getString("state"), "forced logout");
        assertEquals(403, annDesk.get("/api/v1/agents").status(), "an agent's key does not list the agents");
    }

    @Test
    void aLoginOrAKeyIsBoundToOneLiveAgentOfItsOwnTenant() {
        Http admin = Fixtures.newTenant().api();
        long ann = agent(admin, "2501", "");
        long elsewhere = agent(Fixtures.newTenant().api(), "2501", "");

        Http.Reply unbound = admin.post("/api/v1/api-keys", "{\"name\":\"desk\",\"role\":\"AGENT\"}");
        assertEquals(422, unbound.status(), unbound::toString);
        assertTrue(unbound.json().getString("detail").contains("must name the agent"), unbound::toString);
        assertEquals(422, admin.post("/api/v1/api-keys", """
                {"name":"desk","role":"AGENT","agentId":%d}""".formatted(elsewhere)).status(), "another tenant's");
        Http.Reply issued = admin.post("/api/v1/api-keys", """
                {"name":"desk","role":"AGENT","agentId":%d}""".formatted(ann));
        assertEquals(201, issued.status(), issued::toString);
        assertEquals(ann, issued.json().getJsonObject("key").getJsonNumber("agentId").longValue());
        assertTrue(issued.json().getString("secret").startsWith("pk_"));
        assertTrue(admin.get("/api/v1/api-keys").array().stream().map(v -> v.asJsonObject())
                .noneMatch(k -> k.containsKey("secret")), "listed keys never carry the secret");

        String user = """
                {"username":"ann-%d","displayName":"Ann","role":"AGENT","agentId":%d,"password":"correct horse battery"}""";
        Http.Reply annUser = admin.post("/api/v1/users", user.formatted(ann, ann));
        assertEquals(201, annUser.status(), annUser::toString);
        assertEquals(ann, annUser.json().getJsonNumber("agentId").longValue());
        Http.Reply twice = admin.post("/api/v1/users", user.formatted(ann + 1_000_000, ann));
        assertEquals(409, twice.status(), "an agent has one login: " + twice);
        assertEquals(422, admin.post("/api/v1/users", user.formatted(elsewhere, elsewhere)).status());

        long keyId = issued.json().getJsonObject("key").getJsonNumber("id").longValue();
        Http desk = Http.anonymous().withKey(issued.json().getString("secret"));
        assertEquals(200, desk.get("/api/v1/agents/" + ann + "/state").status());
        assertEquals(204, admin.delete("/api/v1/api-keys/" + keyId).status());
        assertEquals(401, desk.get("/api/v1/agents/" + ann + "/state").status(), "a revoked key is dead");
    }

    @Test
    void onlyAnAdminSetsThePauseReasonsAndABadListChangesNothing() {
        Http admin = Fixtures.newTenant().api();
        long ann = agent(admin, "2801", "");
        Http annDesk = Fixtures.agentKey(admin, ann);
        assertEquals("[]", annDesk.get("/api/v1/pause-reasons").body(), "none listed: any code goes");

        String list = "[{\"code\":\"break\",\"label\":\"Short break\"},{\"code\":\"meeting\"}]";
        assertEquals(403, annDesk.put("/api/v1/pause-reasons", list).status());
        Http.Reply set = admin.put("/api/v1/pause-reasons", list);
        assertEquals(200, set.status(), set::toString);
        assertEquals("meeting", set.array().getJsonObject(1).getString("label"), "a missing label is the code");
        assertEquals(set.body(), annDesk.get("/api/v1/pause-reasons").body(), "agents read the list");

        Http.Reply reserved = admin.put("/api/v1/pause-reasons", "[{\"code\":\"missed offers\"}]");
        assertEquals(422, reserved.status(), reserved::toString);
        assertEquals(400, admin.put("/api/v1/pause-reasons", "{\"code\":\"x\"}").status(), "not a list");
        assertEquals(set.body(), admin.get("/api/v1/pause-reasons").body(), "refusals changed nothing");

        state(annDesk, ann, "LOG_IN");
        assertTrue(Fixtures.eventually(EVENTUALLY, () -> annDesk.post("/api/v1/agents/" + ann + "/state",
                "{\"action\":\"PAUSE\",\"reason\":\"lunch\"}").status() == 422), "lunch is not on the list");
        assertEquals(200, admin.put("/api/v1/pause-reasons", "[]").status());
        assertTrue(Fixtures.eventually(EVENTUALLY, () -> annDesk.post("/api/v1/agents/" + ann + "/state",
                "{\"action\":\"PAUSE\",\"reason\":\"lunch\"}").status() == 200), "an empty list takes any");
    }

    @Test
    void badInputIsRefusedWithAProblemAndChangesNothing() {
        Http api = Fixtures.newTenant().api();
        long ann = agent(api, "2201", "");
        long billing = queue(api, "Billing", ann);

        assertEquals(400, api.post("/api/v1/queues/" + billing + "/interactions",
                "{\"channel\":\"FAX\",\"customer\":\"x\"}").status(), "unknown channel");
        Http.Reply priority = api.post("/api/v1/queues/" + billing + "/interactions",
                "{\"channel\":\"CHAT\",\"customer\":\"v-1\",\"priority\":500}");
        assertEquals(422, priority.status(), priority::toString);
        assertEquals(404, api.post("/api/v1/queues/999999/interactions",
                "{\"channel\":\"CHAT\",\"customer\":\"v-1\"}").status(), "unknown queue");
        assertEquals(404, api.get("/api/v1/interactions/no-such-interaction").status());
        assertEquals(404, api.post("/api/v1/offers/no-such-offer/accept", "").status());
        assertEquals(404, api.get("/api/v1/agents/999999/state").status());
        Http annDesk = Fixtures.agentKey(api, ann);
        state(annDesk, ann, "LOG_IN");
        Http.Reply noReason = state(annDesk, ann, "PAUSE");
        assertEquals(422, noReason.status(), noReason::toString);
        assertEquals("AVAILABLE", api.get("/api/v1/agents/" + ann + "/state").json().getString("state"));
        assertEquals(400, annDesk.post("/api/v1/agents/" + ann + "/state", "{\"action\":\"DANCE\"}").status());

        assertEquals(400, api.get("/api/v1/reports/queues?from=yesterday&to=2026-12-03T00:00:00Z").status());
        Http.Reply odd = api.get("/api/v1/reports/queues?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z"
                + "&interval=PT7M");
        assertEquals(422, odd.status(), odd::toString);
        Http.Reply backwards = api.get("/api/v1/reports/queues?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z");
        assertEquals(422, backwards.status(), backwards::toString);
    }

    @Test
    void oneTenantCannotSeeOrTouchAnothersAcd() {
        Http mine = Fixtures.newTenant().api();
        Http theirs = Fixtures.newTenant().api();
        long ann = agent(mine, "2301", "{\"name\":\"billing\",\"level\":5}");
        long billing = queue(mine, "Billing", ann);
        String waiting = customer(mine, billing, "+33100000004");

        assertEquals(404, theirs.get("/api/v1/interactions/" + waiting).status());
        assertEquals(404, theirs.delete("/api/v1/interactions/" + waiting).status());
        assertEquals(404, theirs.get("/api/v1/agents/" + ann + "/state").status());
        assertEquals(404, theirs.post("/api/v1/agents/" + ann + "/state", "{\"action\":\"LOG_IN\"}").status());
        assertEquals(404, theirs.get("/api/v1/queues/" + billing + "/live").status());
        assertEquals(404, theirs.post("/api/v1/queues/" + billing + "/interactions",
                "{\"channel\":\"CHAT\",\"customer\":\"v-1\"}").status());
        assertEquals("WAITING", mine.get("/api/v1/interactions/" + waiting).json().getString("status"));
    }
}
