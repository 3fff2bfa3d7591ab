package org.parley.acd.routing.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.parley.acd.routing.agent.AgentId;

/**
 * One agent's time in one interval.
 *
 * @param handling busy and wrap-up time
 * @param idle     available time, including time an offer rang (ringing is waiting for work, not handling it)
 * @param paused   paused time, outside both occupancy terms
 * @param loggedIn all of the above
 */
public record AgentIntervalReport(AgentId agent, Instant intervalStart, Duration handling, Duration idle,
                                  Duration paused, Duration loggedIn) {

    /** Occupancy = handling ÷ (handling + idle). */
    public Optional<Double> occupancy() {
        long base = handling.plus(idle).toMillis();
        return base == 0 ? Optional.empty() : Optional.of((double) handling.toMillis() / base);
    }

    /** Utilisation = handling ÷ logged-in time. */
    public Optional<Double> utilisation() {
        return loggedIn.isZero() ? Optional.empty() : Optional.of((double) handling.toMillis() / loggedIn.toMillis());
    }
}
