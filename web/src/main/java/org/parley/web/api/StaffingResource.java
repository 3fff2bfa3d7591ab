package org.parley.web.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.parley.acd.routing.staffing.ErlangC;
import org.parley.acd.routing.staffing.StaffingPlan;

/**
 * {@code GET /api/v1/staffing/erlang-c}: how many agents an interval needs for a service-level target, by Erlang C,
 * from a given arrival rate and average handle time. Answers with the plan and the curve around it (the service
 * each staffing level would give), so a supervisor sees what one agent more or less changes.
 */
@Path("staffing")
@Produces(MediaType.APPLICATION_JSON)
public class StaffingResource {

    /** Erlang C stays meaningful and fast well past any single queue's size. */
    private static final double MAX_TRAFFIC_ERLANGS = 5_000;
    private static final int CURVE_BELOW = 2;
    private static final int CURVE_ABOVE = 3;

    @Context
    private SecurityContext security;

    public record Level(int agents, double probabilityOfWaiting, double serviceLevelPercent, Double asaSeconds,
            double occupancyPercent) {
    }

    public record Plan(double trafficErlangs, int agents, int scheduled, double probabilityOfWaiting,
            double serviceLevelPercent, double asaSeconds, double occupancyPercent, List<Level> curve) {
    }

    @GET
    @Path("erlang-c")
    public Response erlangC(@QueryParam("arrivals") Double arrivals,
            @QueryParam("periodMinutes") @DefaultValue("60") int periodMinutes,
            @QueryParam("ahtSeconds") Double ahtSeconds,
            @QueryParam("targetPercent") @DefaultValue("80") double targetPercent,
            @QueryParam("thresholdSeconds") @DefaultValue("20") int thresholdSeconds,
            @QueryParam("maxOccupancyPercent") @DefaultValue("100") double maxOccupancyPercent,
            @QueryParam("shrinkagePercent") @DefaultValue("0") double shrinkagePercent) {
        ApiKeyAuthentication.caller(security).requireSupervisorOrAdmin();
        if (arrivals == null || !(arrivals > 0)) {
            return Problem.invalid("arrivals", "arrivals must be a positive number of interactions per period");
        }
        if (periodMinutes < 1 || periodMinutes > 1440) {
            return Problem.invalid("periodMinutes", "periodMinutes must be 1 to 1440");
        }
        if (ahtSeconds == null || !(ahtSeconds >= 1 && ahtSeconds <= 86_400)) {
            return Problem.invalid("ahtSeconds", "ahtSeconds (average handle time) must be 1 to 86400");
        }
        if (!(targetPercent > 0 && targetPercent < 100)) {
            return Problem.invalid("targetPercent", "targetPercent must be between 0 and 100, exclusive");
        }
        if (thresholdSeconds < 1 || thresholdSeconds > 3600) {
            return Problem.invalid("thresholdSeconds", "thresholdSeconds must be 1 to 3600");
        }
        if (!(maxOccupancyPercent > 0 && maxOccupancyPercent <= 100)) {
            return Problem.invalid("maxOccupancyPercent", "maxOccupancyPercent must be above 0 and at most 100");
        }
        if (!(shrinkagePercent >= 0 && shrinkagePercent < 100)) {
            return Problem.invalid("shrinkagePercent", "shrinkagePercent must be at least 0 and below 100");
        }
        Duration aht = Duration.ofMillis(Math.round(ahtSeconds * 1000));
        ErlangC model = ErlangC.of(arrivals, Duration.ofMinutes(periodMinutes), aht);
        if (model.traffic() > MAX_TRAFFIC_ERLANGS) {
            return Problem.invalid("arrivals", "the offered traffic, " + Math.round(model.traffic())
                    + " Erlangs, is beyond what one queue's staffing question means (at most " + MAX_TRAFFIC_ERLANGS
                    + ")");
        }
        Duration threshold = Duration.ofSeconds(thresholdSeconds);
        StaffingPlan plan = model.plan(targetPercent / 100, threshold, maxOccupancyPercent / 100,
                shrinkagePercent / 100);
        List<Level> curve = new ArrayList<>();
        int lowest = Math.max((int) Math.floor(model.traffic()) + 1, plan.agents() - CURVE_BELOW);
        for (int n = lowest; n <= plan.agents() + CURVE_ABOVE; n++) {
            curve.add(new Level(n, model.probabilityOfWaiting(n), 100 * model.serviceLevel(n, threshold),
                    model.averageSpeedOfAnswer(n).map(d -> d.toNanos() / 1e9).orElse(null),
                    100 * model.occupancy(n)));
        }
        return Response.ok(new Plan(plan.traffic(), plan.agents(), plan.scheduled(), plan.probabilityOfWaiting(),
                100 * plan.serviceLevel(), plan.averageSpeedOfAnswer().toNanos() / 1e9, 100 * plan.occupancy(), curve))
                .build();
    }
}
