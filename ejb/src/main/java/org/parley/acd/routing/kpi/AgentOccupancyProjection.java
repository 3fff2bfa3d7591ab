package org.parley.acd.routing.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.agent.AgentState;
import org.parley.acd.routing.event.EventField;
import org.parley.acd.routing.event.EventId;
import org.parley.acd.routing.event.RoutingEvent;
import org.parley.acd.routing.event.RoutingEventType;

/**
 * Folds agent state changes into time per state (and paused time per reason) per interval, split at interval
 * boundaries, and counts the offers each agent was rung with and what became of them. Idempotent by event id. Time
 * in the state an agent is in right now counts up to the {@code until} a report is asked for.
 *
 * <p>Feed it the events from before the first interval of a report too (an agent logged in since yesterday is in a
 * state the report's first interval must count): time before that interval is folded but never reported.
 */
public final class AgentOccupancyProjection {

    private final Intervals intervals;
    private final Set<EventId> seen = new HashSet<>();
    private final Map<AgentId, Current> current = new HashMap<>();
    private final Map<Slot, Tally> tallies = new HashMap<>();

    private record Current(AgentState state, Optional<String> reason, Instant since) {
    }

    private record Slot(AgentId agent, Instant intervalStart) {
    }

    /** One agent's figures in one interval, as they accumulate. */
    private static final class Tally {
        final Map<AgentState, Duration> byState = new EnumMap<>(AgentState.class);
        final Map<String, Duration> pausedByReason = new TreeMap<>();
        int offered;
        int accepted;
        int declined;
        int missed;

        Tally copy() {
            Tally c = new Tally();
            c.byState.putAll(byState);
            c.pausedByReason.putAll(pausedByReason);
            c.offered = offered;
            c.accepted = accepted;
            c.declined = declined;
            c.missed = missed;
            return c;
        }
    }

    public AgentOccupancyProjection(Intervals intervals) {
        this.intervals = Objects.requireNonNull(intervals, "intervals");
    }

    public void apply(RoutingEvent event) {
        if (!isCounted(event.type()) || !seen.add(event.id())) {
            return;
        }
        AgentId agent = AgentId.of(event.require(EventField.AGENT));
        switch (event.type()) {
            case AGENT_STATE_CHANGED -> {
                Current before = current.get(agent);
                if (before != null) {
                    add(tallies, agent, before, event.at());
                }
                AgentState to = AgentState.valueOf(event.require(EventField.TO_STATE));
                current.put(agent, new Current(to, to == AgentState.PAUSED ? event.get(EventField.REASON)
                        : Optional.empty(), event.at()));
            }
            case INTERACTION_OFFERED -> tally(agent, event.at()).offered++;
            case OFFER_ACCEPTED -> tally(agent, event.at()).accepted++;
            case OFFER_DECLINED -> tally(agent, event.at()).declined++;
            case OFFER_TIMED_OUT -> tally(agent, event.at()).missed++;
            default -> throw new IllegalStateException("not an agent figure: " + event.type());
        }
    }

    private static boolean isCounted(RoutingEventType type) {
        return type == RoutingEventType.AGENT_STATE_CHANGED || type == RoutingEventType.INTERACTION_OFFERED
                || type == RoutingEventType.OFFER_ACCEPTED || type == RoutingEventType.OFFER_DECLINED
                || type == RoutingEventType.OFFER_TIMED_OUT;
    }

    /** The agent's figures for the interval starting at {@code intervalStart}, counting the open state to until. */
    public Optional<AgentIntervalReport> report(AgentId agent, Instant intervalStart, Instant until) {
        return Optional.ofNullable(upTo(until).get(new Slot(agent, intervalStart)))
                .map(t -> report(agent, intervalStart, t));
    }

    /**
     * Every agent's figures for every interval that starts in [from, until), open states counted up to until; by
     * interval, then agent.
     */
    public List<AgentIntervalReport> reports(Instant from, Instant until) {
        List<AgentIntervalReport> reports = new ArrayList<>();
        upTo(until).forEach((slot, tally) -> {
            if (!slot.intervalStart().isBefore(from) && slot.intervalStart().isBefore(until)) {
                reports.add(report(slot.agent(), slot.intervalStart(), tally));
            }
        });
        reports.sort(Comparator.comparing(AgentIntervalReport::intervalStart)
                .thenComparing(r -> r.agent().value()));
        return reports;
    }

    private Map<Slot, Tally> upTo(Instant until) {
        Map<Slot, Tally> view = new HashMap<>();
        tallies.forEach((slot, tally) -> view.put(slot, tally.copy()));
        current.forEach((agent, now) -> {
            if (until.isAfter(now.since())) {
                add(view, agent, now, until);
            }
        });
        return view;
    }

    private static AgentIntervalReport report(AgentId agent, Instant intervalStart, Tally t) {
        Duration handling = of(t.byState, AgentState.BUSY).plus(of(t.byState, AgentState.WRAP_UP));
        Duration idle = of(t.byState, AgentState.AVAILABLE).plus(of(t.byState, AgentState.RESERVED));
        Duration paused = of(t.byState, AgentState.PAUSED);
        return new AgentIntervalReport(agent, intervalStart, handling, idle, paused, handling.plus(idle).plus(paused),
                t.pausedByReason, t.offered, t.accepted, t.declined, t.missed);
    }

    private Tally tally(AgentId agent, Instant at) {
        return tallies.computeIfAbsent(new Slot(agent, intervals.startOf(at)), s -> new Tally());
    }

    private void add(Map<Slot, Tally> into, AgentId agent, Current state, Instant to) {
        if (state.state() == AgentState.LOGGED_OUT) {
            return;
        }
        Instant cursor = state.since();
        while (cursor.isBefore(to)) {
            Instant start = intervals.startOf(cursor);
            Instant end = intervals.endOf(start);
            Instant stop = end.isBefore(to) ? end : to;
            Duration spent = Duration.between(cursor, stop);
            Tally tally = into.computeIfAbsent(new Slot(agent, start), s -> new Tally());
            tally.byState.merge(state.state(), spent, Duration::plus);
            if (state.state() == AgentState.PAUSED) {
                tally.pausedByReason.merge(state.reason().orElse("unknown"), spent, Duration::plus);
            }
            cursor = stop;
        }
    }

    private static Duration of(Map<AgentState, Duration> byState, AgentState state) {
        return byState.getOrDefault(state, Duration.ZERO);
    }
}
