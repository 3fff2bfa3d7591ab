package org.parley.media.control;

import java.time.Duration;

/**
 * How busy a media server is.
 *
 * @param endpointsInUse open endpoints
 * @param endpointCapacity endpoints this server is configured to carry
 * @param tickCpuUsed share of the 20 ms tick the busiest worker spent on the CPU, averaged over about a second (0 to
 *                    1+): the media's own load
 * @param tickWallUsed share of the tick the busiest worker took in wall time, averaged alike: also counts the time it
 *                     waited for a core held by other threads or stood still in a garbage collection
 * @param tickLatenessP99 99th percentile of how late recent ticks started
 */
public record LoadReport(int endpointsInUse, int endpointCapacity, double tickCpuUsed, double tickWallUsed,
                         Duration tickLatenessP99) {

    /**
     * Above this share of the tick a burst of new calls could push ticks late, and late ticks are heard as gaps by
     * every caller at once; keeping headroom is cheaper than that.
     */
    public static final double TICK_BUDGET_LIMIT = 0.8;

    public int spareEndpoints() {
        return Math.max(0, endpointCapacity - endpointsInUse);
    }

    /**
     * Whether a new call (two endpoints) fits without degrading the calls already up. The wall-time share binds first
     * whenever the workers wait for a core: waiting makes ticks late just as media work does, so a machine saturated
     * by anything (call set-up, a load generator) refuses new calls too; the CPU share tells the two causes apart.
     */
    public boolean canAcceptCall() {
        return spareEndpoints() >= 2 && tickCpuUsed < TICK_BUDGET_LIMIT && tickWallUsed < TICK_BUDGET_LIMIT;
    }
}
