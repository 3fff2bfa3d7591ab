package org.parley.acd.routing.agent;

import static org.parley.acd.routing.agent.AgentAction.CANCEL_WRAP_UP;
import static org.parley.acd.routing.agent.AgentAction.CLEAR_PAUSE_REASON;
import static org.parley.acd.routing.agent.AgentAction.COUNT_HANDLED;
import static org.parley.acd.routing.agent.AgentAction.MARK_IDLE_SINCE;
import static org.parley.acd.routing.agent.AgentAction.RECORD_MISSED_OFFER;
import static org.parley.acd.routing.agent.AgentAction.RESET_MISSED_OFFERS;
import static org.parley.acd.routing.agent.AgentAction.SET_PAUSE_REASON;
import static org.parley.acd.routing.agent.AgentAction.START_WRAP_UP;
import static org.parley.acd.routing.agent.AgentAction.WITHDRAW_OFFER;
import static org.parley.acd.routing.agent.AgentEvent.ACCEPT;
import static org.parley.acd.routing.agent.AgentEvent.CANCEL_OFFER;
import static org.parley.acd.routing.agent.AgentEvent.DECLINE;
import static org.parley.acd.routing.agent.AgentEvent.END_INTERACTION;
import static org.parley.acd.routing.agent.AgentEvent.END_WRAP_UP;
import static org.parley.acd.routing.agent.AgentEvent.GO_READY;
import static org.parley.acd.routing.agent.AgentEvent.LOG_IN;
import static org.parley.acd.routing.agent.AgentEvent.LOG_OUT;
import static org.parley.acd.routing.agent.AgentEvent.PAUSE;
import static org.parley.acd.routing.agent.AgentEvent.RESERVE;
import static org.parley.acd.routing.agent.AgentEvent.TIME_OUT;
import static org.parley.acd.routing.agent.AgentState.AVAILABLE;
import static org.parley.acd.routing.agent.AgentState.BUSY;
import static org.parley.acd.routing.agent.AgentState.LOGGED_OUT;
import static org.parley.acd.routing.agent.AgentState.PAUSED;
import static org.parley.acd.routing.agent.AgentState.RESERVED;
import static org.parley.acd.routing.agent.AgentState.WRAP_UP;
import static org.parley.acd.routing.agent.Workload.HANDLING;
import static org.parley.acd.routing.agent.Workload.NONE;
import static org.parley.acd.routing.agent.Workload.RINGING;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The agent lifecycle as a whitelist: {@code (state, event, workload after the event) → (new state, actions)}.
 * Anything not in the table is illegal and rejected, which is how ghost "reserved" agents are kept out: there is no
 * way into RESERVED but an offer, and no way out of it but an answer, a decline, a timeout or a withdrawal.
 *
 * <p>Deliberately absent: pausing or logging out while busy (the interaction must end first) and pausing while an
 * offer rings (decline it first), so a supervisor's action never silently drops a customer.
 */
public final class AgentStateMachine {

    private static final AgentStateMachine STANDARD = new AgentStateMachine();

    private final Map<AgentState, Map<AgentEvent, Map<Workload, Transition>>> table = new EnumMap<>(AgentState.class);

    private AgentStateMachine() {
        allow(LOGGED_OUT, LOG_IN, NONE, Transition.to(AVAILABLE, MARK_IDLE_SINCE, RESET_MISSED_OFFERS));

        allow(AVAILABLE, RESERVE, RINGING, Transition.to(RESERVED));
        allow(AVAILABLE, PAUSE, NONE, Transition.to(PAUSED, SET_PAUSE_REASON));
        allow(AVAILABLE, LOG_OUT, NONE, Transition.to(LOGGED_OUT));

        // Declines and withdrawals keep the agent's idle seniority; only a timeout counts against them.
        allow(RESERVED, ACCEPT, HANDLING, Transition.to(BUSY, RESET_MISSED_OFFERS, COUNT_HANDLED));
        allow(RESERVED, DECLINE, NONE, Transition.to(AVAILABLE));
        allow(RESERVED, DECLINE, HANDLING, Transition.to(BUSY));
        allow(RESERVED, TIME_OUT, NONE, Transition.to(AVAILABLE, RECORD_MISSED_OFFER));
        allow(RESERVED, TIME_OUT, HANDLING, Transition.to(BUSY, RECORD_MISSED_OFFER));
        allow(RESERVED, CANCEL_OFFER, NONE, Transition.to(AVAILABLE));
        allow(RESERVED, CANCEL_OFFER, HANDLING, Transition.to(BUSY));
        // A chat ends while an offer for another interaction rings: the ringing decides the state.
        allow(RESERVED, END_INTERACTION, RINGING, Transition.to(RESERVED));
        allow(RESERVED, LOG_OUT, NONE, Transition.to(LOGGED_OUT, WITHDRAW_OFFER));

        allow(BUSY, RESERVE, RINGING, Transition.to(RESERVED));
        allow(BUSY, END_INTERACTION, NONE, Transition.to(WRAP_UP, START_WRAP_UP));
        allow(BUSY, END_INTERACTION, HANDLING, Transition.to(BUSY));

        allow(WRAP_UP, END_WRAP_UP, NONE, Transition.to(AVAILABLE, MARK_IDLE_SINCE));
        allow(WRAP_UP, GO_READY, NONE, Transition.to(AVAILABLE, CANCEL_WRAP_UP, MARK_IDLE_SINCE));
        allow(WRAP_UP, PAUSE, NONE, Transition.to(PAUSED, CANCEL_WRAP_UP, SET_PAUSE_REASON));
        allow(WRAP_UP, LOG_OUT, NONE, Transition.to(LOGGED_OUT, CANCEL_WRAP_UP));

        allow(PAUSED, GO_READY, NONE, Transition.to(AVAILABLE, CLEAR_PAUSE_REASON, MARK_IDLE_SINCE,
                RESET_MISSED_OFFERS));
        allow(PAUSED, PAUSE, NONE, Transition.to(PAUSED, SET_PAUSE_REASON));
        allow(PAUSED, LOG_OUT, NONE, Transition.to(LOGGED_OUT, CLEAR_PAUSE_REASON));
    }

    public static AgentStateMachine standard() {
        return STANDARD;
    }

    private void allow(AgentState from, AgentEvent event, Workload workload, Transition transition) {
        Transition previous = table.computeIfAbsent(from, s -> new EnumMap<>(AgentEvent.class))
                .computeIfAbsent(event, e -> new EnumMap<>(Workload.class))
                .put(workload, transition);
        if (previous != null) {
            throw new IllegalStateException("duplicate row " + from + " × " + event + " × " + workload);
        }
    }

    public Optional<Transition> lookup(AgentState from, AgentEvent event, Workload workload) {
        return Optional.ofNullable(table.getOrDefault(from, Map.of()).getOrDefault(event, Map.of()).get(workload));
    }

    /** The transition for this row, or an {@link IllegalAgentTransitionException} naming the state. */
    public Transition fire(AgentState from, AgentEvent event, Workload workload) {
        return lookup(from, event, workload)
                .orElseThrow(() -> new IllegalAgentTransitionException(from, event, workload));
    }

    /** Whether the event is allowed in this state for some workload; for "can the agent do X now" questions. */
    public boolean allows(AgentState from, AgentEvent event) {
        return !table.getOrDefault(from, Map.of()).getOrDefault(event, Map.of()).isEmpty();
    }
}
