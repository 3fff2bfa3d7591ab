package org.parley.acd.routing.queue;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a waiting customer stands, for position announcements and the webchat visitor.
 *
 * @param estimatedWait empty when nobody staffs the queue, because no honest estimate exists then
 */
public record QueuePosition(int position, int waiting, Optional<Duration> estimatedWait) {

    /**
     * The estimate: the customers ahead plus this one, each taking an average handle time, shared among the agents
     * staffing the queue, less the ones already free to take them ({@code (position − free) × AHT ÷ staffed}).
     */
    public static Optional<Duration> estimate(int position, int staffed, int free, Duration averageHandleTime) {
        if (staffed <= 0) {
            return Optional.empty();
        }
        int ahead = Math.max(0, position - free);
        return Optional.of(averageHandleTime.multipliedBy(ahead).dividedBy(staffed));
    }
}
