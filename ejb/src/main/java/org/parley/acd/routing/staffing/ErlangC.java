package org.parley.acd.routing.staffing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The Erlang C model of one queue: Poisson arrivals, exponential handle times, N agents, nobody abandons. It
 * overstates waits where customers do abandon, which is the safe side for staffing.
 *
 * <p>Factorials of the usual formula overflow a double near N = 170, so the probability of waiting is computed from
 * the Erlang B recurrence B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)), then Pw = N·B(N) / (N − A·(1 − B(N))).
 */
public final class ErlangC {

    /** Staffing searches stop here; a queue that needs more agents than this is misconfigured. */
    static final int MAX_AGENTS = 100_000;

    private final double traffic;
    private final Duration averageHandleTime;

    private ErlangC(double traffic, Duration averageHandleTime) {
        if (!(traffic > 0) || Double.isInfinite(traffic)) {
            throw new IllegalArgumentException("traffic must be a positive number of Erlangs, was " + traffic);
        }
        Objects.requireNonNull(averageHandleTime, "averageHandleTime");
        if (averageHandleTime.isZero() || averageHandleTime.isNegative()) {
            throw new IllegalArgumentException("the average handle time must be positive");
        }
        this.traffic = traffic;
        this.averageHandleTime = averageHandleTime;
    }

    /** The model for {@code arrivals} customers per {@code period}, each handled in {@code averageHandleTime}. */
    public static ErlangC of(double arrivals, Duration period, Duration averageHandleTime) {
        double perSecond = arrivals / seconds(period);
        return new ErlangC(perSecond * seconds(averageHandleTime), averageHandleTime);
    }

    /** The model for a traffic intensity already in Erlangs. */
    public static ErlangC ofTraffic(double erlangs, Duration averageHandleTime) {
        return new ErlangC(erlangs, averageHandleTime);
    }

    /** Offered traffic A in Erlangs: arrival rate × average handle time. */
    public double traffic() {
        return traffic;
    }

    /** Erlang B: the blocking probability with {@code agents} servers and no waiting room. */
    public double erlangB(int agents) {
        if (agents < 0) {
            throw new IllegalArgumentException("agents cannot be negative");
        }
        double b = 1.0;
        for (int k = 1; k <= agents; k++) {
            b = traffic * b / (k + traffic * b);
        }
        return b;
    }

    /** Pw: the probability that a customer has to wait at all; 1 when the agents cannot keep up (N ≤ A). */
    public double probabilityOfWaiting(int agents) {
        if (agents <= traffic) {
            return 1.0;
        }
        double b = erlangB(agents);
        return agents * b / (agents - traffic * (1 - b));
    }

    /** The share answered within {@code threshold}: SL = 1 − Pw · e^(−(N − A)·T / AHT). */
    public double serviceLevel(int agents, Duration threshold) {
        if (agents <= traffic) {
            return 0.0;
        }
        double exponent = -(agents - traffic) * seconds(threshold) / seconds(averageHandleTime);
        return 1 - probabilityOfWaiting(agents) * Math.exp(exponent);
    }

    /** ASA = Pw · AHT / (N − A); empty when the queue grows without bound. */
    public Optional<Duration> averageSpeedOfAnswer(int agents) {
        if (agents <= traffic) {
            return Optional.empty();
        }
        double asa = probabilityOfWaiting(agents) * seconds(averageHandleTime) / (agents - traffic);
        return Optional.of(Duration.ofNanos(Math.round(asa * 1e9)));
    }

    /** The share of their time the agents spend handling: A / N. */
    public double occupancy(int agents) {
        return Math.min(1.0, traffic / agents);
    }

    /** The fewest agents that reach {@code target} service level within {@code threshold}. */
    public int agentsFor(double target, Duration threshold) {
        return agentsFor(target, threshold, 1.0);
    }

    /**
     * The fewest agents that reach the target service level and keep occupancy at or below {@code maxOccupancy}
     * (a ceiling protects agents from burn-out where the service level alone would allow 95 % occupancy).
     */
    public int agentsFor(double target, Duration threshold, double maxOccupancy) {
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("a service-level target is a share strictly between 0 and 1");
        }
        if (!(maxOccupancy > 0 && maxOccupancy <= 1)) {
            throw new IllegalArgumentException("an occupancy ceiling is a share in (0, 1]");
        }
        for (int n = (int) Math.floor(traffic) + 1; n <= MAX_AGENTS; n++) {
            if (serviceLevel(n, threshold) >= target && occupancy(n) <= maxOccupancy) {
                return n;
            }
        }
        throw new IllegalArgumentException("no staffing up to " + MAX_AGENTS + " agents reaches the target");
    }

    /** A complete answer for a staffing question, shrinkage included. */
    public StaffingPlan plan(double target, Duration threshold, double maxOccupancy, double shrinkage) {
        int agents = agentsFor(target, threshold, maxOccupancy);
        return new StaffingPlan(traffic, agents, StaffingPlan.scheduledFor(agents, shrinkage),
                probabilityOfWaiting(agents), serviceLevel(agents, threshold),
                averageSpeedOfAnswer(agents).orElseThrow(), occupancy(agents));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
