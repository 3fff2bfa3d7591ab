package org.parley.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FinalResponsePolicyTest {

    private final FinalResponsePolicy policy = FinalResponsePolicy.standard();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        // a 6xx wins outright, the first one if several
        "'480,603,486', 603",
        "'606,600', 606",
        // busy beats unavailable, in either order
        "'480,486', 486",
        "'486,480', 486",
        // unavailable beats other 4xx, other 4xx beat 3xx, 3xx beat 5xx
        "'404,480', 480",
        "'302,403', 403",
        "'503,302', 302",
        // timeouts and terminated branches say least
        "'408,503', 503",
        "'487,408', 408",
        // ties go to the first branch
        "'404,403', 404",
    })
    void bestFinalResponseFollowsRfc3261Section16_7Simplified(String failures, int best) {
        List<Integer> statuses = java.util.Arrays.stream(failures.split(",")).map(Integer::valueOf).toList();
        assertEquals(best, policy.best(statuses));
    }

    @ParameterizedTest(name = "callee {0} → caller {1}")
    @CsvSource({
        "486, 486", "600, 600", "603, 603",
        "480, 480", "404, 480", "408, 480", "410, 480", "401, 480", "407, 480", "488, 480",
        "302, 480", "500, 480", "503, 480", "604, 480", "606, 480", "487, 480",
    })
    void thePhonesNewsReachesTheCallerAsBusyDeclinedOrUnavailable(int callee, int caller) {
        assertEquals(caller, policy.toCaller(callee));
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource({
        "200, ANSWERED", "486, BUSY", "600, BUSY", "408, NO_ANSWER", "487, CANCELLED", "603, REJECTED",
        "480, UNAVAILABLE", "404, NOT_FOUND", "604, NOT_FOUND", "488, FAILED", "503, FAILED", "500, FAILED",
    })
    void callerResponsesReadAsDispositions(int status, Disposition disposition) {
        assertEquals(disposition, policy.dispositionOf(status));
    }

    @Test
    void fixedResponsesForTheCallsParleyEndsItself() {
        assertEquals(404, policy.unknownCallee());
        assertEquals(480, policy.calleeNotRegistered());
        assertEquals(408, policy.noAnswer());
        assertEquals(487, policy.cancelled());
        assertEquals(503, policy.forMediaFailure(MediaFailure.CAPACITY_EXHAUSTED));
        assertEquals(503, policy.forMediaFailure(MediaFailure.ENDPOINT_LOST));
        assertEquals(488, policy.forMediaFailure(MediaFailure.OFFER_NOT_ACCEPTABLE));
    }

    @Test
    void onlyFailuresCanBeChosenOrMapped() {
        assertThrows(IllegalArgumentException.class, () -> policy.best(List.of()));
        assertThrows(IllegalArgumentException.class, () -> policy.toCaller(200));
        assertThrows(IllegalArgumentException.class, () -> policy.toCaller(180));
    }

    @Test
    void anAnsweredCallWhoseCallerLegNeverHadMediaIsFailedAndOneThatLostItLaterStaysAnswered() {
        assertEquals(Disposition.ANSWERED, policy.dispositionOfAnswered(java.util.Optional.empty()));
        assertEquals(Disposition.FAILED,
                policy.dispositionOfAnswered(java.util.Optional.of(MediaFailure.CALLER_ANSWER_MISSING)));
        assertEquals(Disposition.FAILED,
                policy.dispositionOfAnswered(java.util.Optional.of(MediaFailure.CALLER_ANSWER_NOT_ACCEPTABLE)));
        assertEquals(Disposition.ANSWERED,
                policy.dispositionOfAnswered(java.util.Optional.of(MediaFailure.ENDPOINT_LOST)));
    }
}
