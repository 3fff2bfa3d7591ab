package org.parley.media.control;

import java.time.Duration;

/**
 * How busy a media server is.
 *
 * @param endpointsInUse open endpoints
 * @param endpointCapacity endpoints this server is configured to carry
 * @param tickBudgetUsed share of the 20 ms tick the workers spent working, averaged over recent ticks (0 to 1+)
 * @param tickLatenessP99 99th percentile of how late recent ticks started
 */
public record LoadReport(int endpointsInUse, int endpointCapacity, double tickBudgetUsed, Duration tickLatenessP99) {

    /**
     * Above this share of the tick a burst of new calls could push ticks late, and late ticks are heard as gaps by
     * every caller at once; keeping headroom is cheaper than that.
     */
    public static final double TICK_BUDGET_LIMIT = 0.8;

    public int spareEndpoints() {
        return Math.max(0, endpointCapacity - endpointsInUse);
    }

    /** Whether a new call (two endpoints) fits without degrading the calls already up. */
    public boolean canAcceptCall() {
        return spareEndpoints() >= 2 && tickBudgetUsed < TICK_BUDGET_LIMIT;
    }
}
