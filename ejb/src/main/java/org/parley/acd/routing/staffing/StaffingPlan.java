package org.parley.acd.routing.staffing;

import java.time.Duration;

/**
 * How many agents an interval needs and what service they would give.
 *
 * @param agents    agents on the phones (Erlang C's N)
 * @param scheduled agents to schedule so that {@code agents} remain after shrinkage (breaks, training, absence)
 */
public record StaffingPlan(double traffic, int agents, int scheduled, double probabilityOfWaiting,
                           double serviceLevel, Duration averageSpeedOfAnswer, double occupancy) {

    /** Scheduled = N ÷ (1 − shrinkage), rounded up because a fraction of an agent does not answer calls. */
    public static int scheduledFor(int agents, double shrinkage) {
        if (!(shrinkage >= 0 && shrinkage < 1)) {
            throw new IllegalArgumentException("shrinkage is a share in [0, 1)");
        }
        // the tolerance keeps 10 ÷ 0.8 = 12.500000000000002 from becoming 13
        return (int) Math.ceil(agents / (1 - shrinkage) - 1e-9);
    }
}
