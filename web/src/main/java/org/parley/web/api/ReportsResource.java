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
import org.parley.web.api.RoutingViews.QueueReportRow;

/**
 * Historical queue reports ({@code GET /reports/queues?from=…&to=…&interval=PT30M}): per queue and interval,
 * offered, answered, abandoned (short abandons apart), service level, ASA, AHT, abandon rate, computed from the same
 * event log as the live view. JSON by default, CSV with {@code Accept: text/csv}. The KPI definitions are in the
 * README.
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

    private Response rows(String from, String to, String interval, boolean csv) {
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
        List<QueueReportRow> rows = routing.queueReport(ApiKeyAuthentication.caller(security), start, end, length)
                .stream().map(QueueReportRow::of).toList();
        if (!csv) {
            return Response.ok(rows, MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.ok(QueueReportCsv.write(rows), QueueReportCsv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"queue-report.csv\"").build();
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new DateTimeParseException(name + " is required", "", 0);
        }
        return value;
    }
}
