package org.parley.web.desk;

import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import org.parley.access.ApiKeys;
import org.parley.access.Caller;
import org.parley.access.NotPermittedException;
import org.parley.acd.AgentId;
import org.parley.acd.RoutingService;
import org.parley.rule.UnknownEntityException;

/**
 * {@code ws(s)://…/ws/agents/{agent}}: an agent desktop's push channel. The first message must authenticate,
 * {@code {"apiKey":"pk_…"}}, within ten seconds (a header cannot be set by a browser's WebSocket, and a key in the URL
 * would end up in logs); the answer is the agent's current state, {@code {"type":"status",…}}, and from then on every
 * ACD event naming the agent. Only the agent's own key (or a supervisor's or admin's) opens it; a wrong key, another
 * agent's key or an agent of another tenant closes the connection (1008). The connections an agent opens with its own
 * key are its desktop: while it has none open (after having one), it is offered nothing ({@link DeskChannel}).
 */
@ServerEndpoint("/ws/agents/{agent}")
public class DeskEndpoint {

    private static final long AUTHENTICATION_WINDOW_MILLIS = 10_000;
    private static final String CALLER = "parley.caller";

    @EJB
    private ApiKeys keys;

    @EJB
    private RoutingService routing;

    @Inject
    private DeskChannel channel;

    @OnOpen
    public void open(Session session) {
        session.setMaxIdleTimeout(AUTHENTICATION_WINDOW_MILLIS);
    }

    @OnMessage
    public void message(Session session, @PathParam("agent") String agent, String text) throws IOException {
        if (session.getUserProperties().containsKey(CALLER)) {
            return; // the channel is one-way once open; the desktop acts through the REST API
        }
        long agentId;
        try {
            agentId = Long.parseLong(agent);
        } catch (NumberFormatException e) {
            refuse(session, "not an agent id");
            return;
        }
        Optional<Caller> caller = apiKey(text).flatMap(keys::authenticate);
        if (caller.isEmpty()) {
            refuse(session, "the first message must be {\"apiKey\":\"pk_…\"} with a valid key");
            return;
        }
        RoutingService.AgentStatus status;
        try {
            status = routing.agentStatus(caller.get(), new AgentId(agentId));
        } catch (UnknownEntityException | NotPermittedException e) {
            refuse(session, "no such agent for this key");
            return;
        }
        session.getUserProperties().put(CALLER, caller.get());
        session.setMaxIdleTimeout(0);
        channel.open(caller.get().tenant().value(), agentId, session, caller.get().isAgent(agentId));
        session.getBasicRemote().sendText(Json.createObjectBuilder()
                .add("type", "status")
                .add("agent", agentId)
                .add("state", status.state().name())
                .add("since", status.since().toString())
                .add("reachable", status.reachable())
                .build().toString());
    }

    @OnClose
    public void close(Session session, @PathParam("agent") String agent) {
        forget(session, agent);
    }

    @OnError
    public void error(Session session, @PathParam("agent") String agent, Throwable failure) {
        forget(session, agent);
    }

    private void forget(Session session, String agent) {
        Object caller = session.getUserProperties().get(CALLER);
        if (caller instanceof Caller c) {
            channel.close(c.tenant().value(), Long.parseLong(agent), session);
        }
    }

    private static Optional<String> apiKey(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject o = reader.readObject();
            return Optional.ofNullable(o.getString("apiKey", null));
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static void refuse(Session session, String why) throws IOException {
        session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, why));
    }
}
