package org.parley.acd.routing.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.agent.AgentState;
import org.parley.acd.routing.event.EventField;
import org.parley.acd.routing.event.EventId;
import org.parley.acd.routing.event.RoutingEvent;
import org.parley.acd.routing.event.RoutingEventType;

/**
 * Folds agent state changes into time per state per interval, split at interval boundaries. Idempotent by event
 * id. Time in the state an agent is in right now counts up to the {@code until} a report is asked for.
 */
public final class AgentOccupancyProjection {

    private final Intervals intervals;
    private final Set<EventId> seen = new HashSet<>();
    private final Map<AgentId, Current> current = new HashMap<>();
    private final Map<Slot, Map<AgentState, Duration>> time = new HashMap<>();

    private record Current(AgentState state, Instant since) {
    }

    private record Slot(AgentId agent, Instant intervalStart) {
    }

    public AgentOccupancyProjection(Intervals intervals) {
        this.intervals = Objects.requireNonNull(intervals, "intervals");
    }

    public void apply(RoutingEvent event) {
        if (event.type() != RoutingEventType.AGENT_STATE_CHANGED || !seen.add(event.id())) {
            return;
        }
        AgentId agent = AgentId.of(event.require(EventField.AGENT));
        Current before = current.get(agent);
        if (before != null) {
            add(time, agent, before.state(), before.since(), event.at());
        }
        current.put(agent, new Current(AgentState.valueOf(event.require(EventField.TO_STATE)), event.at()));
    }

    /** The agent's figures for the interval starting at {@code intervalStart}, counting the open state to until. */
    public Optional<AgentIntervalReport> report(AgentId agent, Instant intervalStart, Instant until) {
        Map<Slot, Map<AgentState, Duration>> view = new HashMap<>();
        time.forEach((slot, byState) -> view.put(slot, new EnumMap<>(byState)));
        Current now = current.get(agent);
        if (now != null && until.isAfter(now.since())) {
            add(view, agent, now.state(), now.since(), until);
        }
        Map<AgentState, Duration> byState = view.get(new Slot(agent, intervalStart));
        if (byState == null) {
            return Optional.empty();
        }
        Duration handling = of(byState, AgentState.BUSY).plus(of(byState, AgentState.WRAP_UP));
        Duration idle = of(byState, AgentState.AVAILABLE).plus(of(byState, AgentState.RESERVED));
        Duration paused = of(byState, AgentState.PAUSED);
        return Optional.of(new AgentIntervalReport(agent, intervalStart, handling, idle, paused,
                handling.plus(idle).plus(paused)));
    }

    private void add(Map<Slot, Map<AgentState, Duration>> into, AgentId agent, AgentState state, Instant from,
                     Instant to) {
        if (state == AgentState.LOGGED_OUT) {
            return;
        }
        Instant cursor = from;
        while (cursor.isBefore(to)) {
            Instant start = intervals.startOf(cursor);
            Instant end = intervals.endOf(start);
            Instant stop = end.isBefore(to) ? end : to;
            into.computeIfAbsent(new Slot(agent, start), s -> new EnumMap<>(AgentState.class))
                    .merge(state, Duration.between(cursor, stop), Duration::plus);
            cursor = stop;
        }
    }

    private static Duration of(Map<AgentState, Duration> byState, AgentState state) {
        return byState.getOrDefault(state, Duration.ZERO);
    }
}
