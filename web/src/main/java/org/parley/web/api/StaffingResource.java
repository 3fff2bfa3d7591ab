package org.parley.web.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

import org.parley.access.Caller;
import org.parley.acd.QueueId;
import org.parley.acd.RoutingService;
import org.parley.acd.RoutingService.QueueLoad;
import org.parley.acd.routing.staffing.ErlangC;
import org.parley.acd.routing.staffing.StaffingPlan;

/**
 * {@code GET /api/v1/staffing/erlang-c}: how many agents an interval needs for a service-level target, by Erlang C,
 * from a given arrival rate and average handle time, or from a queue's own figures in the log ({@code queue=…}:
 * arrivals over the last {@code periodMinutes}, the AHT of what was completed then, and the queue's service-level
 * target; any given value overrides the log's). Answers with the plan and the curve around it (the service each
 * staffing level would give), so a supervisor sees what one agent more or less changes.
 */
@Path("staffing")
@Produces(MediaType.APPLICATION_JSON)
public class StaffingResource {

    /** Erlang C stays meaningful and fast well past any single queue's size. */
    private static final double MAX_TRAFFIC_ERLANGS = 5_000;
    private static final int CURVE_BELOW = 2;
    private static final int CURVE_ABOVE = 3;

    private static final double DEFAULT_TARGET_PERCENT = 80;
    private static final int DEFAULT_THRESHOLD_SECONDS = 20;

    @Context
    private SecurityContext security;

    @EJB
    private RoutingService routing;

    public record Level(int agents, double probabilityOfWaiting, double serviceLevelPercent, Double asaSeconds,
            double occupancyPercent) {
    }

    /** @param live the queue's figures the plan was computed from; null when arrivals and AHT were given */
    public record Plan(double trafficErlangs, int agents, int scheduled, double probabilityOfWaiting,
            double serviceLevelPercent, double asaSeconds, double occupancyPercent, List<Level> curve,
            LiveFigures live) {
    }

    /** Where the arrivals and handle time came from when they were taken from a queue's log. */
    public record LiveFigures(long queue, Instant from, Instant to, int offered, int handled, Double ahtSeconds) {
    }

    @GET
    @Path("erlang-c")
    public Response erlangC(@QueryParam("queue") Long queue,
            @QueryParam("arrivals") Double arrivals,
            @QueryParam("periodMinutes") @DefaultValue("60") int periodMinutes,
            @QueryParam("ahtSeconds") Double ahtSeconds,
            @QueryParam("targetPercent") Double target,
            @QueryParam("thresholdSeconds") Integer threshold,
            @QueryParam("maxOccupancyPercent") @DefaultValue("100") double maxOccupancyPercent,
            @QueryParam("shrinkagePercent") @DefaultValue("0") double shrinkagePercent) {
        Caller caller = ApiKeyAuthentication.caller(security);
        caller.requireSupervisorOrAdmin();
        if (periodMinutes < 1 || periodMinutes > 1440) {
            return Problem.invalid("periodMinutes", "periodMinutes must be 1 to 1440");
        }
        Duration period = Duration.ofMinutes(periodMinutes);
        LiveFigures live = null;
        double targetPercent = target == null ? DEFAULT_TARGET_PERCENT : target;
        int thresholdSeconds = threshold == null ? DEFAULT_THRESHOLD_SECONDS : threshold;
        if (queue != null) {
            QueueLoad load = routing.recentLoad(caller, new QueueId(queue), period);
            live = new LiveFigures(queue, load.from(), load.to(), load.offered(), load.handled(),
                    load.averageHandleTime().map(d -> d.toMillis() / 1000.0).orElse(null));
            if (arrivals == null) {
                if (load.offered() == 0) {
                    return Problem.invalid("arrivals", "queue " + queue + " had no arrivals since " + load.from()
                            + ": give arrivals");
                }
                arrivals = (double) load.offered();
                period = Duration.between(load.from(), load.to());
            }
            if (ahtSeconds == null) {
                if (live.ahtSeconds() == null) {
                    return Problem.invalid("ahtSeconds", "no interaction of queue " + queue + " was completed since "
                            + load.from() + ": give ahtSeconds");
                }
                ahtSeconds = live.ahtSeconds();
            }
            targetPercent = target == null ? load.target().percent() : target;
            thresholdSeconds = threshold == null ? (int) load.target().threshold().toSeconds() : threshold;
        }
        if (arrivals == null || !(arrivals > 0)) {
            return Problem.invalid("arrivals", "arrivals must be a positive number of interactions per period "
                    + "(or name a queue to take them from its log)");
        }
        if (ahtSeconds == null || !(ahtSeconds >= 0.001 && ahtSeconds <= 86_400)) {
            return Problem.invalid("ahtSeconds", "ahtSeconds (average handle time) must be above 0 and at most "
                    + "86400 (or name a queue to take it from its log)");
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
        ErlangC model = ErlangC.of(arrivals, period, aht);
        if (model.traffic() > MAX_TRAFFIC_ERLANGS) {
            return Problem.invalid("arrivals", "the offered traffic, " + Math.round(model.traffic())
                    + " Erlangs, is beyond what one queue's staffing question means (at most " + MAX_TRAFFIC_ERLANGS
                    + ")");
        }
        Duration thresholdTime = Duration.ofSeconds(thresholdSeconds);
        StaffingPlan plan = model.plan(targetPercent / 100, thresholdTime, maxOccupancyPercent / 100,
                shrinkagePercent / 100);
        List<Level> curve = new ArrayList<>();
        int lowest = Math.max((int) Math.floor(model.traffic()) + 1, plan.agents() - CURVE_BELOW);
        for (int n = lowest; n <= plan.agents() + CURVE_ABOVE; n++) {
            curve.add(new Level(n, model.probabilityOfWaiting(n), 100 * model.serviceLevel(n, thresholdTime),
                    model.averageSpeedOfAnswer(n).map(d -> d.toNanos() / 1e9).orElse(null),
                    100 * model.occupancy(n)));
        }
        return Response.ok(new Plan(plan.traffic(), plan.agents(), plan.scheduled(), plan.probabilityOfWaiting(),
                100 * plan.serviceLevel(), plan.averageSpeedOfAnswer().toNanos() / 1e9, 100 * plan.occupancy(), curve,
                live))
                .build();
    }
}
