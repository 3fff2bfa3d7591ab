package org.parley.web.desk;

import java.io.StringReader;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.websocket.Session;

import org.parley.acd.AgentId;
import org.parley.acd.RoutingService;
import org.parley.event.DomainEvent;
import org.parley.event.EventCodec;
import org.parley.tenant.TenantId;

/**
 * The open desktop connections, by tenant and agent, and the delivery of the ACD's events to the agent they concern
 * (state changes, offers and their outcome, reachability). Sending is asynchronous: a slow desktop never holds up
 * the others or the message listener. The connections an agent opened with its own key are its desktop: the ACD is
 * told when the first opens and when the last closes, so an agent whose desktop went away is offered nothing
 * (a supervisor watching an agent's channel is not that agent's desktop).
 */
@ApplicationScoped
public class DeskChannel {

    private static final System.Logger LOG = System.getLogger(DeskChannel.class.getName());

    private final Map<String, Set<Session>> desks = new ConcurrentHashMap<>();
    /**
     * The agents' own connections, one lock per agent, so that one agent's first-opened and last-closed reach the ACD
     * in order while the ACD is told; other agents' desktops never wait on it. An agent's entry is kept once made
     * (one small object per agent that ever connected), so no thread can add to an entry another just dropped.
     */
    private final Map<String, OwnDesktop> own = new ConcurrentHashMap<>();

    @EJB
    private RoutingService routing;

    /** @param agentsOwn whether the agent itself opened it (its own key or login), not a supervisor */
    void open(long tenant, long agent, Session session, boolean agentsOwn) {
        desks.computeIfAbsent(key(tenant, agent), k -> ConcurrentHashMap.newKeySet()).add(session);
        if (agentsOwn) {
            OwnDesktop desktop = own.computeIfAbsent(key(tenant, agent), k -> new OwnDesktop());
            synchronized (desktop) {
                if (desktop.sessions.add(session) && desktop.sessions.size() == 1) {
                    tell(tenant, agent, true);
                }
            }
        }
    }

    void close(long tenant, long agent, Session session) {
        desks.computeIfPresent(key(tenant, agent), (k, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
        OwnDesktop desktop = own.get(key(tenant, agent));
        if (desktop == null) {
            return;
        }
        synchronized (desktop) {
            if (desktop.sessions.remove(session) && desktop.sessions.isEmpty()) {
                tell(tenant, agent, false);
            }
        }
    }

    private void tell(long tenant, long agent, boolean connected) {
        try {
            routing.desktopPresence(new TenantId(tenant), new AgentId(agent), connected);
        } catch (RuntimeException e) {
            // The connection itself is fine; the ACD hears of the desktop again when it next opens or closes.
            LOG.log(System.Logger.Level.WARNING, "could not tell the ACD that agent " + agent + "'s desktop "
                    + (connected ? "connected" : "went away"), e);
        }
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

    /** One agent's own connections; guarded by itself. */
    private static final class OwnDesktop {
        private final Set<Session> sessions = new HashSet<>();
    }
}
