package org.parley.acd.routing.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.parley.acd.routing.agent.AgentId;

/**
 * One agent's time and offers in one interval.
 *
 * @param handling       busy and wrap-up time
 * @param idle           available time, including time an offer rang (ringing is waiting for work, not handling it)
 * @param paused         paused time, outside both occupancy terms
 * @param loggedIn       all of the above
 * @param pausedByReason paused time by reason code (the codes of the tenant's list, or the engine's own)
 * @param offered        offers that rang at the agent (counted in the interval they rang)
 * @param accepted       offers the agent accepted (in the interval they were accepted)
 * @param declined       offers the agent declined
 * @param missed         offers that rang out (timed out) at the agent
 */
public record AgentIntervalReport(AgentId agent, Instant intervalStart, Duration handling, Duration idle,
                                  Duration paused, Duration loggedIn, Map<String, Duration> pausedByReason,
                                  int offered, int accepted, int declined, int missed) {

    public AgentIntervalReport {
        pausedByReason = Map.copyOf(pausedByReason);
    }

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
