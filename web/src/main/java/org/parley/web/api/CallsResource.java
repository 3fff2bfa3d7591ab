package org.parley.web.api;

import java.time.Instant;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.parley.cdr.ActiveCall;
import org.parley.cdr.ActiveCalls;

/** Calls in progress ({@code /calls/active}); finished calls are in {@link CdrsResource}. */
@Path("calls")
@Produces(MediaType.APPLICATION_JSON)
public class CallsResource {

    @EJB
    private ActiveCalls active;

    @Context
    private SecurityContext security;

    public record ActiveCallView(String call, String caller, String callee, String state, Instant startedAt,
            Instant answeredAt) {

        static ActiveCallView of(ActiveCall c) {
            return new ActiveCallView(c.call(), c.caller(), c.callee(), c.state(), c.startedAt(),
                    c.answeredAt().orElse(null));
        }
    }

    @GET
    @Path("active")
    public List<ActiveCallView> active() {
        return active.list(ApiKeyAuthentication.caller(security)).stream().map(ActiveCallView::of).toList();
    }
}
