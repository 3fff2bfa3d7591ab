package org.parley.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.parley.acd.internal.RoutingServiceBean;
import org.parley.acd.routing.InvariantViolation;
import org.parley.acd.routing.Reconciler;
import org.parley.acd.routing.Router;
import org.parley.acd.routing.RoutingEngine;
import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.agent.AgentSession;
import org.parley.acd.routing.agent.Contact;
import org.parley.acd.routing.interaction.Channel;
import org.parley.acd.routing.interaction.Interaction;
import org.parley.acd.routing.interaction.InteractionId;
import org.parley.event.EventCodec;
import org.parley.event.EventHistory;
import org.parley.tenant.TenantId;

/**
 * Breaks the ACD's invariants behind the router's back, the way a lost message or a bug would, on the deployed
 * server's own engine for the tenant (on its writer, like any command):
 * <ul>
 * <li>POST /it-support/acd?tenant=T&amp;fault=KIND&amp;agent=A&amp;interaction=I, KIND one of
 * {@link InvariantViolation.Kind}: RESERVED_WITHOUT_OFFER and BUSY_WITHOUT_INTERACTION hold agent A for an interaction
 * that does not exist; OFFERED_TO_SEVERAL puts interaction I, ringing at one agent, back in line and makes paused
 * agent A ready, so it rings at A as well; OFFERED_TO_UNREACHABLE marks A unreachable without withdrawing what rings
 * at them; OFFER_FOR_DEAD_INTERACTION marks I abandoned without withdrawing its offer; OFFERED_WITHOUT_LEASE marks
 * waiting I as ringing without an offer.</li>
 * <li>POST /it-support/acd?tenant=T&amp;fault=reconcile: one reconciler pass now, as the engine's timer runs it;
 * answers the kinds it repaired, one a line.</li>
 * <li>GET /it-support/acd?tenant=T: the tenant's {@code acd.InvariantRepaired} events from the event log, a JSON
 * array.</li>
 * </ul>
 */
@WebServlet("/acd")
public class AcdFaultServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    private RoutingServiceBean routing;

    @EJB
    private EventHistory history;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        TenantId tenant = new TenantId(Long.parseLong(request.getParameter("tenant")));
        String fault = request.getParameter("fault");
        String agent = request.getParameter("agent");
        String interaction = request.getParameter("interaction");
        RoutingEngine engine = routing.engine(tenant);
        if ("reconcile".equals(fault)) {
            List<InvariantViolation> repaired = await(engine.submit(r -> new Reconciler().reconcile(r)));
            response.setContentType("text/plain");
            response.getOutputStream().write(repaired.stream().map(v -> v.kind().name() + "\n")
                    .collect(Collectors.joining()).getBytes(StandardCharsets.UTF_8));
            return;
        }
        Consumer<Router> breakIt = switch (InvariantViolation.Kind.valueOf(fault)) {
            case RESERVED_WITHOUT_OFFER -> r -> session(r, agent).reserve(InteractionId.random(), Channel.VOICE,
                    Instant.now());
            case BUSY_WITHOUT_INTERACTION -> r -> {
                AgentSession session = session(r, agent);
                session.reserve(InteractionId.random(), Channel.VOICE, Instant.now());
                session.accept(Instant.now());
            };
            case OFFERED_TO_SEVERAL -> r -> {
                interaction(r, interaction).backInLine();
                r.goReady(session(r, agent).id());
            };
            case OFFERED_TO_UNREACHABLE -> r -> session(r, agent).unreachable(Contact.PHONE);
            case OFFER_FOR_DEAD_INTERACTION -> r -> interaction(r, interaction).abandoned();
            case OFFERED_WITHOUT_LEASE -> r -> interaction(r, interaction).offered();
        };
        await(engine.execute(breakIt));
        response.setStatus(204);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        TenantId tenant = new TenantId(Long.parseLong(request.getParameter("tenant")));
        String events = history.read(tenant, "acd.InvariantRepaired", Instant.EPOCH, Instant.now().plusSeconds(1))
                .stream().map(EventCodec::toJson).collect(Collectors.joining(",", "[", "]"));
        response.setContentType("application/json");
        response.getOutputStream().write(events.getBytes(StandardCharsets.UTF_8));
    }

    private static AgentSession session(Router r, String agent) {
        return r.agent(AgentId.of(agent)).orElseThrow(() -> new IllegalArgumentException("no agent " + agent));
    }

    private static Interaction interaction(Router r, String id) {
        return r.interaction(new InteractionId(id)).orElseThrow(
                () -> new IllegalArgumentException("no interaction " + id));
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> answer) {
        try {
            return answer.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the routing engine refused the fault: " + e, e);
        }
    }
}
