package org.parley.web.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.parley.acd.RoutingService;
import org.parley.web.api.RoutingViews.AgentReportRow;
import org.parley.web.api.RoutingViews.QueueReportRow;

/**
 * Historical reports, computed from the same event log as the live view. Queues
 * ({@code GET /reports/queues?from=…&to=…&interval=PT30M}): per queue and interval, offered, answered, abandoned
 * (short abandons apart), service level, ASA, AHT, abandon rate. Agents ({@code GET /reports/agents?…}): per agent
 * and interval, logged-in, handling, idle and paused time (paused by reason), occupancy, utilisation, offers and what
 * became of them; an agent's own key sees its own rows. JSON by default, CSV with {@code Accept: text/csv}. The KPI
 * definitions are in the README.
 */
@Path("reports")
public class ReportsResource {

    @EJB
    private RoutingService routing;

    @Context
    private SecurityContext security;

    @GET
    @Path("queues")
    @Produces(MediaType.APPLICATION_JSON)
    public Response queuesJson(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("interval") @DefaultValue("PT30M") String interval) {
        return rows(from, to, interval, false);
    }

    @GET
    @Path("queues")
    @Produces("text/csv")
    public Response queuesCsv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("interval") @DefaultValue("PT30M") String interval) {
        return rows(from, to, interval, true);
    }

    @GET
    @Path("agents")
    @Produces(MediaType.APPLICATION_JSON)
    public Response agentsJson(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("interval") @DefaultValue("PT30M") String interval) {
        return agentRows(from, to, interval, false);
    }

    @GET
    @Path("agents")
    @Produces("text/csv")
    public Response agentsCsv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("interval") @DefaultValue("PT30M") String interval) {
        return agentRows(from, to, interval, true);
    }

    private Response agentRows(String from, String to, String interval, boolean csv) {
        return period(from, to, interval, (start, end, length) -> {
            List<AgentReportRow> rows = routing.agentReport(ApiKeyAuthentication.caller(security), start, end,
                    length).stream().map(AgentReportRow::of).toList();
            return csv ? csv(AgentReportCsv.write(rows), "agent-report.csv")
                    : Response.ok(rows, MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    private Response rows(String from, String to, String interval, boolean csv) {
        return period(from, to, interval, (start, end, length) -> {
            List<QueueReportRow> rows = routing.queueReport(ApiKeyAuthentication.caller(security), start, end,
                    length).stream().map(QueueReportRow::of).toList();
            return csv ? csv(QueueReportCsv.write(rows), "queue-report.csv")
                    : Response.ok(rows, MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    private static Response csv(String body, String filename) {
        return Response.ok(body, QueueReportCsv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    /** What a report does with the period it covers, once the query parameters are parsed. */
    private interface Report {
        Response of(Instant from, Instant to, Duration interval);
    }

    private static Response period(String from, String to, String interval, Report report) {
        Instant start;
        Instant end;
        Duration length;
        try {
            start = Instant.parse(required(from, "from"));
        } catch (DateTimeParseException e) {
            return Problem.response(Response.Status.BAD_REQUEST, "from must be an ISO-8601 instant, e.g. 2026-12-02T00:00:00Z");
        }
        try {
            end = Instant.parse(required(to, "to"));
        } catch (DateTimeParseException e) {
            return Problem.response(Response.Status.BAD_REQUEST, "to must be an ISO-8601 instant, e.g. 2026-12-03T00:00:00Z");
        }
        try {
            length = Duration.parse(interval);
        } catch (DateTimeParseException e) {
            return Problem.response(Response.Status.BAD_REQUEST, "interval must be an ISO-8601 duration such as PT15M, PT30M or PT1H");
        }
        return report.of(start, end, length);
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new DateTimeParseException(name + " is required", "", 0);
        }
        return value;
    }
}
