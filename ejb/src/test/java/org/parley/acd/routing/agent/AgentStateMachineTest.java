package org.parley.acd.routing.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every (state, event, workload) cell of the table: the allowed ones as written here, the rest rejected. */
class AgentStateMachineTest {

    private static final Map<String, Transition> EXPECTED = new HashMap<>();

    static {
        expect("LOGGED_OUT LOG_IN NONE -> AVAILABLE MARK_IDLE_SINCE RESET_MISSED_OFFERS");
        expect("AVAILABLE RESERVE RINGING -> RESERVED");
        expect("AVAILABLE PAUSE NONE -> PAUSED SET_PAUSE_REASON");
        expect("AVAILABLE LOG_OUT NONE -> LOGGED_OUT");
        expect("RESERVED ACCEPT HANDLING -> BUSY RESET_MISSED_OFFERS COUNT_HANDLED");
        expect("RESERVED DECLINE NONE -> AVAILABLE");
        expect("RESERVED DECLINE HANDLING -> BUSY");
        expect("RESERVED TIME_OUT NONE -> AVAILABLE RECORD_MISSED_OFFER");
        expect("RESERVED TIME_OUT HANDLING -> BUSY RECORD_MISSED_OFFER");
        expect("RESERVED CANCEL_OFFER NONE -> AVAILABLE");
        expect("RESERVED CANCEL_OFFER HANDLING -> BUSY");
        expect("RESERVED END_INTERACTION RINGING -> RESERVED");
        expect("RESERVED LOG_OUT NONE -> LOGGED_OUT WITHDRAW_OFFER");
        expect("BUSY RESERVE RINGING -> RESERVED");
        expect("BUSY END_INTERACTION NONE -> WRAP_UP START_WRAP_UP");
        expect("BUSY END_INTERACTION HANDLING -> BUSY");
        expect("WRAP_UP END_WRAP_UP NONE -> AVAILABLE MARK_IDLE_SINCE");
        expect("WRAP_UP GO_READY NONE -> AVAILABLE CANCEL_WRAP_UP MARK_IDLE_SINCE");
        expect("WRAP_UP PAUSE NONE -> PAUSED CANCEL_WRAP_UP SET_PAUSE_REASON");
        expect("WRAP_UP LOG_OUT NONE -> LOGGED_OUT CANCEL_WRAP_UP");
        expect("PAUSED GO_READY NONE -> AVAILABLE CLEAR_PAUSE_REASON MARK_IDLE_SINCE RESET_MISSED_OFFERS");
        expect("PAUSED PAUSE NONE -> PAUSED SET_PAUSE_REASON");
        expect("PAUSED LOG_OUT NONE -> LOGGED_OUT CLEAR_PAUSE_REASON");
    }

    private static void expect(String row) {
        String[] sides = row.split(" -> ");
        String[] target = sides[1].split(" ");
        List<AgentAction> actions = new ArrayList<>();
        for (int i = 1; i < target.length; i++) {
            actions.add(AgentAction.valueOf(target[i]));
        }
        EXPECTED.put(sides[0], new Transition(AgentState.valueOf(target[0]), actions));
    }

    static Stream<Arguments> everyCell() {
        List<Arguments> cells = new ArrayList<>();
        for (AgentState state : AgentState.values()) {
            for (AgentEvent event : AgentEvent.values()) {
                for (Workload workload : Workload.values()) {
                    cells.add(Arguments.of(state, event, workload));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} × {1} × {2}")
    @MethodSource("everyCell")
    void eachCellIsAllowedExactlyAsTabledOrRejectedNamingTheState(AgentState state, AgentEvent event,
                                                                   Workload workload) {
        AgentStateMachine machine = AgentStateMachine.standard();
        Transition expected = EXPECTED.get(state + " " + event + " " + workload);
        if (expected != null) {
            assertEquals(expected, machine.fire(state, event, workload));
            assertTrue(machine.allows(state, event));
        } else {
            IllegalAgentTransitionException refused = assertThrows(IllegalAgentTransitionException.class,
                    () -> machine.fire(state, event, workload));
            assertEquals(state, refused.state());
            assertTrue(refused.getMessage().contains(state.name()), refused.getMessage());
            assertTrue(machine.lookup(state, event, workload).isEmpty());
        }
    }

    @Test
    void theTableHasNoRowsBeyondTheExpectedOnes() {
        int allowed = 0;
        for (AgentState state : AgentState.values()) {
            for (AgentEvent event : AgentEvent.values()) {
                for (Workload workload : Workload.values()) {
                    if (AgentStateMachine.standard().lookup(state, event, workload).isPresent()) {
                        allowed++;
                    }
                }
            }
        }
        assertEquals(EXPECTED.size(), allowed);
    }

    @Test
    void readyWhileBusyIsRefused() {
        assertFalse(AgentStateMachine.standard().allows(AgentState.BUSY, AgentEvent.GO_READY));
    }
}
