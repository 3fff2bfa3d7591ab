package org.parley.acd.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.parley.acd.routing.event.RoutingEventType;

/**
 * The benchmark's simulation ({@link RoutingSimulationBenchmark}) at a size a unit test affords: 50 agents for one
 * simulated hour, then the drain. The run checks every invariant itself and throws on the first broken one; nothing
 * here is timed.
 */
class SimulatedDayTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = 42)
    void aSmallCenterKeepsEveryRoutingInvariantThroughAnHourAndItsDrain(long seed) {
        SimulatedDay.Outcome outcome = new SimulatedDay(new SimulatedDay.Settings(seed, 50, Duration.ofHours(1))).run();

        // a vacuous pass would be an hour in which nothing happened
        assertTrue(outcome.count(RoutingEventType.INTERACTION_COMPLETED) > 300, () -> "only "
                + outcome.count(RoutingEventType.INTERACTION_COMPLETED) + " interactions were completed");
        assertTrue(outcome.invariantChecks() > 1000);
    }

    @Test
    void forgettingEndedInteractionsKeepsEveryInvariantAndTheReportWhole() {
        SimulatedDay.Outcome outcome = new SimulatedDay(new SimulatedDay.Settings(7, 50, Duration.ofHours(1),
                Duration.ofMinutes(5))).run();

        assertTrue(outcome.forgotten() > 300, () -> "only " + outcome.forgotten() + " interactions were forgotten");
        assertTrue(outcome.endFootprint().interactions() < outcome.forgotten(), outcome::toString);
        assertEquals(0, outcome.endFootprint().live(), "everything ended in the drain");
    }
}
