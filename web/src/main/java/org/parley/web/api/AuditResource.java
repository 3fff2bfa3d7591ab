package org.parley.web.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.parley.audit.AuditEntry;
import org.parley.audit.AuditTrail;

/** The tenant's audit trail, newest first; {@code ?subject=agent/12} narrows it to one thing. */
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @EJB
    private AuditTrail trail;

    @Context
    private SecurityContext security;

    public record AuditView(String eventId, Instant occurredAt, Instant recordedAt, String actor, String action,
            String subject, String detail) {

        static AuditView of(AuditEntry a) {
            return new AuditView(a.eventId().toString(), a.occurredAt(), a.recordedAt(), a.actor(), a.action(),
                    a.subject(), a.detail());
        }
    }

    @GET
    public List<AuditView> recent(@QueryParam("subject") String subject,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return trail.recent(ApiKeyAuthentication.caller(security), Optional.ofNullable(subject), limit).stream()
                .map(AuditView::of).toList();
    }
}
