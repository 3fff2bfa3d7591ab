package org.parley.web.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.parley.health.Health;
import org.parley.health.HealthReport;
import org.parley.health.PartHealth;

/** {@code GET /api/v1/health}: 200 when every part is UP, 503 otherwise; no authentication (probes use it). */
@Path("health")
@Public
public class HealthResource {

    @Inject
    private Health health;

    public record PartView(String status, String detail) {
    }

    public record HealthView(String status, String checkedAt, Map<String, PartView> parts) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        HealthReport report = health.check();
        Map<String, PartView> parts = new LinkedHashMap<>();
        for (PartHealth p : report.parts()) {
            parts.put(p.name(), new PartView(p.up() ? "UP" : "DOWN", p.detail()));
        }
        HealthView view = new HealthView(report.up() ? "UP" : "DOWN", report.checkedAt().toString(), parts);
        return Response.status(report.up() ? 200 : 503).entity(view).build();
    }
}
