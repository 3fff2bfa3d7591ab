package org.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The agent desktop's WebSocket: authenticated by its first message, then the agent's ACD events as they happen. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AcdPushIT {

    private static final String WS = ParleyDeployment.http().replaceFirst("^http", "ws");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ParleyDeployment.earWithTestSupport();
    }

    /** A desktop: every text message it receives, and the close code if the server closed it. */
    private static final class Desk implements WebSocket.Listener {
        final LinkedBlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(Json.createReader(new StringReader(partial.toString())).readObject());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        JsonObject next(String type) throws InterruptedException {
            while (true) {
                JsonObject m = messages.poll(20, TimeUnit.SECONDS);
                assertNotNull(m, "no " + type + " within 20 s");
                if (m.getString("type").equals(type)) {
                    return m;
                }
            }
        }
    }

    private static WebSocket connect(long agent, Desk desk) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(WS + "/ws/agents/" + agent), desk).get(20, TimeUnit.SECONDS);
    }

    @Test
    void theDesktopGetsItsStateThenItsOffersAsTheyHappen() throws Exception {
        Fixtures.TestTenant tenant = Fixtures.newTenant();
        Http api = tenant.api();
        long agent = api.post("/api/v1/agents", """
                {"extension":"4001","displayName":"Desk Agent","skills":[]}""").json().getJsonNumber("id").longValue();
        long queue = api.post("/api/v1/queues", """
                {"name":"Desk","strategy":"LONGEST_IDLE","slaPercent":80,"slaSeconds":20,"wrapUpSeconds":0}""")
                .json().getJsonNumber("id").longValue();
        api.put("/api/v1/queues/" + queue + "/members/" + agent, "");

        String agentKey = Fixtures.agentSecret(api, agent);
        Desk desk = new Desk();
        WebSocket socket = connect(agent, desk);
        socket.sendText("{\"apiKey\":\"" + agentKey + "\"}", true).get(10, TimeUnit.SECONDS);
        JsonObject status = desk.next("status");
        assertEquals("LOGGED_OUT", status.getString("state"));

        Http.anonymous().withKey(agentKey).post("/api/v1/agents/" + agent + "/state", "{\"action\":\"LOG_IN\"}");
        JsonObject loggedIn = desk.next("acd.AgentStateChanged");
        assertEquals("AVAILABLE", loggedIn.getJsonObject("details").getString("toState"));

        String customer = api.post("/api/v1/queues/" + queue + "/interactions",
                "{\"channel\":\"CHAT\",\"customer\":\"visitor-1\"}").json().getString("id");
        JsonObject offered = desk.next("acd.InteractionOffered");
        assertEquals(customer, offered.getJsonObject("details").getString("interaction"));
        assertTrue(offered.getJsonObject("details").containsKey("offer"), offered::toString);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
    }

    @Test
    void anAgentWhoseDesktopWentAwayIsOfferedNothingUntilItIsBack() throws Exception {
        Fixtures.TestTenant tenant = Fixtures.newTenant();
        Http api = tenant.api();
        long agent = api.post("/api/v1/agents", """
                {"extension":"4201","displayName":"Gone Agent","skills":[]}""").json().getJsonNumber("id").longValue();
        long queue = api.post("/api/v1/queues", """
                {"name":"Desk","strategy":"LONGEST_IDLE","slaPercent":80,"slaSeconds":20,"wrapUpSeconds":0}""")
                .json().getJsonNumber("id").longValue();
        api.put("/api/v1/queues/" + queue + "/members/" + agent, "");
        String key = Fixtures.agentSecret(api, agent);
        Http desk = Http.anonymous().withKey(key);

        Desk supervisor = new Desk();
        WebSocket watching = connect(agent, supervisor);
        watching.sendText("{\"apiKey\":\"" + tenant.apiKey() + "\"}", true).get(10, TimeUnit.SECONDS);
        supervisor.next("status"); // an admin watching the agent's channel is not the agent's desktop
        Desk first = new Desk();
        WebSocket socket = connect(agent, first);
        socket.sendText("{\"apiKey\":\"" + key + "\"}", true).get(10, TimeUnit.SECONDS);
        first.next("status");
        desk.post("/api/v1/agents/" + agent + "/state", "{\"action\":\"LOG_IN\"}");
        String customer = api.post("/api/v1/queues/" + queue + "/interactions",
                "{\"channel\":\"CHAT\",\"customer\":\"visitor-2\"}").json().getString("id");
        first.next("acd.InteractionOffered");

        socket.sendClose(WebSocket.NORMAL_CLOSURE, "laptop closed").get(10, TimeUnit.SECONDS);
        assertTrue(Fixtures.eventually(Duration.ofSeconds(20), () -> !desk.get("/api/v1/agents/" + agent
                + "/state").json().getBoolean("reachable")), "the agent is unreachable without a desktop");
        assertEquals("WAITING", api.get("/api/v1/interactions/" + customer).json().getString("status"),
                "the offer went back: nobody would have seen it");

        Desk again = new Desk();
        WebSocket back = connect(agent, again);
        back.sendText("{\"apiKey\":\"" + key + "\"}", true).get(10, TimeUnit.SECONDS);
        again.next("status");
        JsonObject offered = again.next("acd.InteractionOffered");
        assertEquals(customer, offered.getJsonObject("details").getString("interaction"), "offered again once back");
        back.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
        watching.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
    }

    @Test
    void aWrongKeyAnotherAgentsKeyOrAnotherTenantsAgentIsRefused() throws Exception {
        Fixtures.TestTenant mine = Fixtures.newTenant();
        long agent = mine.api().post("/api/v1/agents", """
                {"extension":"4101","displayName":"Mine","skills":[]}""").json().getJsonNumber("id").longValue();
        long colleague = mine.api().post("/api/v1/agents", """
                {"extension":"4102","displayName":"Colleague","skills":[]}""").json().getJsonNumber("id").longValue();

        Desk colleagues = new Desk();
        connect(agent, colleagues).sendText("{\"apiKey\":\"" + Fixtures.agentSecret(mine.api(), colleague) + "\"}",
                true);
        assertEquals(1008, colleagues.closed.get(20, TimeUnit.SECONDS), "a colleague's desktop cannot listen in");
        assertTrue(colleagues.messages.isEmpty());

        Desk wrongKey = new Desk();
        connect(agent, wrongKey).sendText("{\"apiKey\":\"pk_not-a-key\"}", true);
        assertEquals(1008, wrongKey.closed.get(20, TimeUnit.SECONDS));

        Desk theirs = new Desk();
        connect(agent, theirs).sendText("{\"apiKey\":\"" + Fixtures.newTenant().apiKey() + "\"}", true);
        assertEquals(1008, theirs.closed.get(20, TimeUnit.SECONDS));
        assertTrue(theirs.messages.isEmpty(), "nothing about another tenant's agent is sent");
    }
}
