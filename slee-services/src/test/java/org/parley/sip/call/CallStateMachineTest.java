package org.parley.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (state, event) cell of the call table: the allowed ones as written here, the ignored ones as ignored, the
 * rest rejected naming both. The table below is written independently of the machine's own, in the notation
 * {@code STATES EVENTS -> TARGET ACTIONS} ({@code =} for "stays") or {@code STATES EVENTS ignored}; states and events
 * may be comma-separated lists, and ALERTING and TALKING name the groups defined here.
 */
class CallStateMachineTest {

    private static final String[] TABLE = {
        "IDLE INVITE -> ROUTING RECORD_START RESOLVE_CALLEE",
        "ROUTING,ANCHORING,ALERTING,CONNECTING,TALKING,ENDING,ENDED INVITE ignored",

        "ROUTING CALLEE_UNKNOWN,CALLEE_NOT_REGISTERED -> ENDED SEND_FINAL_TO_CALLER RECORD_END",
        "ROUTING CALLEE_LOCATED -> ANCHORING ANCHOR_MEDIA",
        "ROUTING CALLER_CANCEL -> ENDED ACCEPT_CANCEL SEND_FINAL_TO_CALLER RECORD_END",
        "ENDED CALLEE_UNKNOWN,CALLEE_NOT_REGISTERED,CALLEE_LOCATED ignored",

        "ANCHORING MEDIA_READY -> CALLING INVITE_BRANCH START_NO_ANSWER_TIMER",
        "ANCHORING MEDIA_FAILED -> ENDED RELEASE_MEDIA SEND_FINAL_TO_CALLER RECORD_END",
        "ANCHORING CALLER_CANCEL -> ENDED ACCEPT_CANCEL RELEASE_MEDIA SEND_FINAL_TO_CALLER RECORD_END",
        "ENDED MEDIA_READY -> = RELEASE_MEDIA",

        "ALERTING,CONNECTING,TALKING,ENDING,ENDED BRANCH_TRYING,RESPONSE_RETRANSMITTED ignored",
        "CALLING BRANCH_RINGING -> RINGING SEND_PROVISIONAL_TO_CALLER(180) RECORD_RING",
        "CALLING BRANCH_PROGRESS -> EARLY_MEDIA SEND_PROVISIONAL_TO_CALLER(183) PLAY_RINGBACK RECORD_RING",
        "RINGING BRANCH_PROGRESS -> EARLY_MEDIA SEND_PROVISIONAL_TO_CALLER(183) PLAY_RINGBACK",
        "RINGING,EARLY_MEDIA BRANCH_RINGING ignored",
        "EARLY_MEDIA BRANCH_PROGRESS ignored",
        "CONNECTING,TALKING,ENDING,ENDED BRANCH_RINGING,BRANCH_PROGRESS ignored",
        "CONNECTING,TALKING,ENDING,ENDED CANCELLED_BRANCH_PROCEEDING -> = CANCEL_BRANCH",
        "CONNECTING,TALKING,ENDING,ENDED CANCEL_UNANSWERED -> = DROP_BRANCH",

        "CALLING,RINGING BRANCH_ANSWERED -> CONNECTING CANCEL_NO_ANSWER_TIMER ACK_BRANCH CANCEL_BRANCH BRIDGE_MEDIA"
                + " FORWARD_ANSWER_TO_CALLER RECORD_ANSWER",
        "EARLY_MEDIA BRANCH_ANSWERED -> CONNECTING CANCEL_NO_ANSWER_TIMER ACK_BRANCH CANCEL_BRANCH STOP_RINGBACK"
                + " BRIDGE_MEDIA FORWARD_ANSWER_TO_CALLER RECORD_ANSWER",
        "ENDED BRANCH_ANSWERED -> = ACK_AND_BYE_LATE_BRANCH",
        "CONNECTING,TALKING,ENDING,ENDED LATE_ANSWER -> = ACK_AND_BYE_LATE_BRANCH",

        "ALERTING BRANCH_FAILED -> =",
        "CONNECTING,TALKING,ENDING,ENDED BRANCH_FAILED ignored",
        "ALERTING LAST_BRANCH_FAILED -> ENDED CANCEL_NO_ANSWER_TIMER RELEASE_MEDIA SEND_FINAL_TO_CALLER RECORD_END",
        "ALERTING GLOBAL_FAILURE -> ENDED CANCEL_NO_ANSWER_TIMER CANCEL_BRANCH RELEASE_MEDIA SEND_FINAL_TO_CALLER"
                + " RECORD_END",
        "ENDED LAST_BRANCH_FAILED,GLOBAL_FAILURE ignored",

        "ALERTING NO_ANSWER_TIMEOUT -> ENDED CANCEL_BRANCH RELEASE_MEDIA SEND_FINAL_TO_CALLER RECORD_END",
        "CONNECTING,TALKING,ENDING,ENDED NO_ANSWER_TIMEOUT ignored",

        "ALERTING CALLER_CANCEL -> ENDED ACCEPT_CANCEL CANCEL_NO_ANSWER_TIMER CANCEL_BRANCH RELEASE_MEDIA"
                + " SEND_FINAL_TO_CALLER RECORD_END",
        "CONNECTING,TALKING,ENDING,ENDED CALLER_CANCEL -> = ACCEPT_CANCEL",
        "RINGING,EARLY_MEDIA CALLER_BYE -> ENDED CONFIRM_BYE_FROM_CALLER CANCEL_NO_ANSWER_TIMER CANCEL_BRANCH"
                + " RELEASE_MEDIA SEND_FINAL_TO_CALLER RECORD_END",

        "ALERTING MEDIA_FAILED -> ENDED CANCEL_NO_ANSWER_TIMER CANCEL_BRANCH RELEASE_MEDIA SEND_FINAL_TO_CALLER"
                + " RECORD_END",
        "CONNECTING MEDIA_FAILED -> ENDING SEND_BYE_TO_CALLEE RELEASE_MEDIA RECORD_END",
        "TALKING MEDIA_FAILED -> ENDED SEND_BYE_TO_CALLER SEND_BYE_TO_CALLEE RELEASE_MEDIA RECORD_END",
        "ENDING,ENDED MEDIA_FAILED ignored",

        "CONNECTING CALLER_ACK -> CONNECTED",
        "CONNECTING CALLER_ACK_WITHOUT_ANSWER -> ENDED SEND_BYE_TO_CALLEE SEND_BYE_TO_CALLER RELEASE_MEDIA RECORD_END",
        "TALKING,ENDED CALLER_ACK,CALLEE_ACK,CALLER_ACK_TIMEOUT ignored",
        "ENDING CALLER_ACK,CALLER_ACK_TIMEOUT -> ENDED SEND_BYE_TO_CALLER",
        "CONNECTING CALLER_ACK_TIMEOUT -> ENDED SEND_BYE_TO_CALLEE SEND_BYE_TO_CALLER RELEASE_MEDIA RECORD_END",

        "CONNECTING,TALKING CALLER_BYE -> ENDED CONFIRM_BYE_FROM_CALLER SEND_BYE_TO_CALLEE RELEASE_MEDIA RECORD_END",
        "ENDING CALLER_BYE -> ENDED CONFIRM_BYE_FROM_CALLER",
        "ENDED CALLER_BYE -> = CONFIRM_BYE_FROM_CALLER",
        "CONNECTING CALLEE_BYE -> ENDING CONFIRM_BYE_FROM_CALLEE RELEASE_MEDIA RECORD_END",
        "TALKING CALLEE_BYE -> ENDED CONFIRM_BYE_FROM_CALLEE SEND_BYE_TO_CALLER RELEASE_MEDIA RECORD_END",
        "ENDING,ENDED CALLEE_BYE -> = CONFIRM_BYE_FROM_CALLEE",
        "CONNECTING,TALKING,ENDING,ENDED STRAY_CALLEE_BYE -> = CONFIRM_BYE_FROM_CALLEE",

        "CONNECTED CALLER_HOLD -> HELD_BY_CALLER ANSWER_REINVITE_FROM_CALLER",
        "CONNECTED CALLER_RESUME -> CONNECTED ANSWER_REINVITE_FROM_CALLER",
        "CONNECTED CALLEE_HOLD -> HELD_BY_CALLEE ANSWER_REINVITE_FROM_CALLEE",
        "CONNECTED CALLEE_RESUME -> CONNECTED ANSWER_REINVITE_FROM_CALLEE",
        "HELD_BY_CALLER CALLER_HOLD -> HELD_BY_CALLER ANSWER_REINVITE_FROM_CALLER",
        "HELD_BY_CALLER CALLER_RESUME -> CONNECTED ANSWER_REINVITE_FROM_CALLER",
        "HELD_BY_CALLER CALLEE_HOLD -> HELD_BY_BOTH ANSWER_REINVITE_FROM_CALLEE",
        "HELD_BY_CALLER CALLEE_RESUME -> HELD_BY_CALLER ANSWER_REINVITE_FROM_CALLEE",
        "HELD_BY_CALLEE CALLER_HOLD -> HELD_BY_BOTH ANSWER_REINVITE_FROM_CALLER",
        "HELD_BY_CALLEE CALLER_RESUME -> HELD_BY_CALLEE ANSWER_REINVITE_FROM_CALLER",
        "HELD_BY_CALLEE CALLEE_HOLD -> HELD_BY_CALLEE ANSWER_REINVITE_FROM_CALLEE",
        "HELD_BY_CALLEE CALLEE_RESUME -> CONNECTED ANSWER_REINVITE_FROM_CALLEE",
        "HELD_BY_BOTH CALLER_HOLD -> HELD_BY_BOTH ANSWER_REINVITE_FROM_CALLER",
        "HELD_BY_BOTH CALLER_RESUME -> HELD_BY_CALLEE ANSWER_REINVITE_FROM_CALLER",
        "HELD_BY_BOTH CALLEE_HOLD -> HELD_BY_BOTH ANSWER_REINVITE_FROM_CALLEE",
        "HELD_BY_BOTH CALLEE_RESUME -> HELD_BY_CALLER ANSWER_REINVITE_FROM_CALLEE",
        "TALKING CALLER_REINVITE_NOT_ACCEPTABLE -> = REFUSE_REINVITE_FROM_CALLER(488)",
        "TALKING CALLEE_REINVITE_NOT_ACCEPTABLE -> = REFUSE_REINVITE_FROM_CALLEE(488)",
        "CONNECTING CALLER_HOLD,CALLER_RESUME,CALLER_REINVITE_NOT_ACCEPTABLE -> = REFUSE_REINVITE_FROM_CALLER(491)",
        "CONNECTING CALLEE_HOLD,CALLEE_RESUME,CALLEE_REINVITE_NOT_ACCEPTABLE -> = REFUSE_REINVITE_FROM_CALLEE(491)",
        "ENDING,ENDED CALLER_HOLD,CALLER_RESUME,CALLER_REINVITE_NOT_ACCEPTABLE -> = REFUSE_REINVITE_FROM_CALLER(481)",
        "ENDING,ENDED CALLEE_HOLD,CALLEE_RESUME,CALLEE_REINVITE_NOT_ACCEPTABLE -> = REFUSE_REINVITE_FROM_CALLEE(481)",
        "TALKING CALLER_REINVITE_GLARE -> = REFUSE_REINVITE_FROM_CALLER(491)",
        "TALKING CALLEE_REINVITE_GLARE -> = REFUSE_REINVITE_FROM_CALLEE(491)",
        "ENDING,ENDED CALLER_REINVITE_GLARE -> = REFUSE_REINVITE_FROM_CALLER(481)",
        "ENDING,ENDED CALLEE_REINVITE_GLARE -> = REFUSE_REINVITE_FROM_CALLEE(481)",
    };

    private static final Map<String, List<String>> GROUPS = Map.of(
            "ALERTING", List.of("CALLING", "RINGING", "EARLY_MEDIA"),
            "TALKING", List.of("CONNECTED", "HELD_BY_CALLER", "HELD_BY_CALLEE", "HELD_BY_BOTH"));

    /** A row as the test expects it: ignored, or a target and the actions as written. */
    private record Expected(boolean ignored, CallState target, List<String> actions) {
    }

    private static final Map<String, Expected> EXPECTED = parse();

    private final CallStateMachine machine = new CallStateMachine(Clock.systemUTC(), FinalResponsePolicy.standard());

    private static Map<String, Expected> parse() {
        Map<String, Expected> expected = new HashMap<>();
        for (String row : TABLE) {
            String[] words = row.split(" ");
            boolean ignored = words[2].equals("ignored");
            for (String stateName : states(words[0])) {
                CallState state = CallState.valueOf(stateName);
                for (String eventName : words[1].split(",")) {
                    CallEvent.Kind.valueOf(eventName);
                    Expected cell = ignored ? new Expected(true, state, List.of())
                            : new Expected(false, words[3].equals("=") ? state : CallState.valueOf(words[3]),
                                    Arrays.asList(words).subList(4, words.length));
                    if (expected.put(state + " " + eventName, cell) != null) {
                        throw new IllegalStateException("the test table names " + state + " " + eventName + " twice");
                    }
                }
            }
        }
        return expected;
    }

    private static List<String> states(String list) {
        List<String> states = new ArrayList<>();
        for (String name : list.split(",")) {
            states.addAll(GROUPS.getOrDefault(name, List.of(name)));
        }
        return states;
    }

    static Stream<Arguments> everyCell() {
        List<Arguments> cells = new ArrayList<>();
        for (CallState state : CallState.values()) {
            for (CallEvent.Kind event : CallEvent.Kind.values()) {
                cells.add(Arguments.of(state, event));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("everyCell")
    void eachCellIsAllowedOrIgnoredExactlyAsTabledOrRejectedNamingStateAndEvent(CallState state,
                                                                                CallEvent.Kind event) {
        Expected expected = EXPECTED.get(state + " " + event);
        if (expected == null) {
            IllegalCallTransitionException refused = assertThrows(IllegalCallTransitionException.class,
                    () -> machine.transition(state, event));
            assertEquals(state, refused.state());
            assertEquals(event, refused.event());
            assertTrue(refused.getMessage().contains(state.name()), refused.getMessage());
            assertTrue(refused.getMessage().contains(event.name()), refused.getMessage());
            assertTrue(machine.lookup(state, event).isEmpty());
            return;
        }
        CallTransition row = machine.transition(state, event);
        assertEquals(expected.ignored(), row.isIgnored(), "ignored?");
        if (row.isIgnored()) {
            assertEquals(state, row.target());
            assertTrue(row.actions().isEmpty());
            assertFalse(row.ignoredBecause().orElseThrow().isBlank(), "an ignored event says why");
        } else {
            assertEquals(expected.target(), row.target());
            assertEquals(expected.actions(), row.actions().stream().map(CallAction::toString).toList());
        }
    }

    @Test
    void theTableHasNoRowsBeyondTheExpectedOnes() {
        int rows = 0;
        for (CallState state : CallState.values()) {
            for (CallEvent.Kind event : CallEvent.Kind.values()) {
                if (machine.lookup(state, event).isPresent()) {
                    rows++;
                }
            }
        }
        assertEquals(EXPECTED.size(), rows);
    }

    @Test
    void everyStateCanBeReachedFromIdleAndEveryStateCanReachEnded() {
        assertEquals(EnumSet.allOf(CallState.class), reachableFrom(CallState.IDLE));
        for (CallState state : CallState.values()) {
            assertTrue(reachableFrom(state).contains(CallState.ENDED), state + " has a way to ENDED");
        }
    }

    @Test
    void everyRowThatEndsTheCallClosesTheRecordAndReleasesTheMediaItOpened() {
        for (CallState state : CallState.values()) {
            for (CallEvent.Kind event : CallEvent.Kind.values()) {
                machine.lookup(state, event).filter(row -> !state.isOver() && row.target().isOver()).ifPresent(row -> {
                    List<CallAction.Kind> kinds = row.actions().stream().map(CallAction::kind).toList();
                    assertTrue(kinds.contains(CallAction.Kind.RECORD_END), state + " × " + event + " records the end");
                    boolean mediaOpen = state != CallState.ROUTING;
                    assertEquals(mediaOpen, kinds.contains(CallAction.Kind.RELEASE_MEDIA),
                            state + " × " + event + " releases media if any was asked for");
                    boolean ringing = EnumSet.of(CallState.CALLING, CallState.RINGING, CallState.EARLY_MEDIA)
                            .contains(state);
                    assertEquals(ringing && event != CallEvent.Kind.NO_ANSWER_TIMEOUT,
                            kinds.contains(CallAction.Kind.CANCEL_NO_ANSWER_TIMER),
                            state + " × " + event + " cancels the running no-answer timer");
                });
            }
        }
    }

    @Test
    void templatesInTheTableLeaveOnlyDecidedCodesAndBranchesOpen() {
        Set<CallAction.Kind> filledByTheMachine = EnumSet.of(CallAction.Kind.SEND_FINAL_TO_CALLER);
        for (CallState state : CallState.values()) {
            for (CallEvent.Kind event : CallEvent.Kind.values()) {
                machine.lookup(state, event).ifPresent(row -> row.actions().forEach(action -> {
                    boolean open = !action.isComplete();
                    boolean mayBeOpen = filledByTheMachine.contains(action.kind())
                            || action.kind().parameter() == CallAction.Kind.Parameter.BRANCH;
                    assertTrue(!open || mayBeOpen, state + " × " + event + ": " + action + " lacks its parameter");
                }));
            }
        }
    }

    private Set<CallState> reachableFrom(CallState start) {
        Set<CallState> seen = EnumSet.of(start);
        Deque<CallState> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            CallState state = todo.pop();
            for (CallEvent.Kind event : CallEvent.Kind.values()) {
                machine.lookup(state, event).map(CallTransition::target).filter(seen::add).ifPresent(todo::push);
            }
        }
        return seen;
    }
}
