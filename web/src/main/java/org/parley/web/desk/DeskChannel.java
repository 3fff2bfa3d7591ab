package org.parley.web.desk;

import java.io.StringReader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.websocket.Session;

import org.parley.event.DomainEvent;
import org.parley.event.EventCodec;

/**
 * The open desktop connections, by tenant and agent, and the delivery of the ACD's events to the agent they concern
 * (state changes, offers and their outcome, reachability). Sending is asynchronous: a slow desktop never holds up
 * the others or the message listener.
 */
@ApplicationScoped
public class DeskChannel {

    private static final System.Logger LOG = System.getLogger(DeskChannel.class.getName());

    private final Map<String, Set<Session>> desks = new ConcurrentHashMap<>();

    void open(long tenant, long agent, Session session) {
        desks.computeIfAbsent(key(tenant, agent), k -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void close(long tenant, long agent, Session session) {
        desks.computeIfPresent(key(tenant, agent), (k, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    /** Sends the event to the desktops of the agent it names, if any are open. */
    public void deliver(DomainEvent event) {
        String agent = event.details().get("agent");
        if (agent == null) {
            return;
        }
        Set<Session> sessions = desks.get(event.tenant().value() + "/" + agent);
        if (sessions == null || sessions.isEmpty()) {
            return;
        }
        String message = message(event);
        for (Session session : sessions) {
            if (session.isOpen()) {
                session.getAsyncRemote().sendText(message, result -> {
                    if (!result.isOK()) {
                        LOG.log(System.Logger.Level.DEBUG, "a desktop did not take an event", result.getException());
                    }
                });
            }
        }
    }

    /** {@code {"type":"acd.OfferAccepted","id":…,"at":…,"details":{…}}}: the event as the log has it. */
    static String message(DomainEvent event) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("type", event.type())
                .add("id", event.id().toString())
                .add("at", event.occurredAt().toString())
                .add("details", Json.createReader(new StringReader(EventCodec.detailsToJson(event.details())))
                        .readObject());
        return b.build().toString();
    }

    private static String key(long tenant, long agent) {
        return tenant + "/" + agent;
    }
}
