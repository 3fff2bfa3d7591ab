package org.parley.acd.routing.staffing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Against the worked example in the KPI notes and against the textbook factorial formula. */
class ErlangCTest {

    private static final Duration AHT = Duration.ofSeconds(180);
    private static final Duration T = Duration.ofSeconds(20);

    /** 100 calls per 30 minutes at 180 s each: 10 Erlangs. */
    private final ErlangC example = ErlangC.of(100, Duration.ofMinutes(30), AHT);

    @ParameterizedTest(name = "N = {0}")
    @CsvSource({
            "12, 0.4494, 0.640, 40.4",
            "13, 0.2853, 0.796, 17.1",
            "14, 0.1741, 0.888, 7.8"})
    void matchesTheWorkedExample(int agents, double pw, double sl, double asaSeconds) {
        assertEquals(10.0, example.traffic(), 1e-9);
        assertEquals(pw, example.probabilityOfWaiting(agents), 0.00005);
        assertEquals(sl, example.serviceLevel(agents, T), 0.0005);
        assertEquals(asaSeconds, example.averageSpeedOfAnswer(agents).orElseThrow().toMillis() / 1000.0, 0.05);
    }

    @Test
    void eightyPercentInTwentySecondsNeedsFourteenAgents() {
        assertEquals(14, example.agentsFor(0.8, T));
    }

    @Test
    void anOccupancyCeilingCanRequireMoreAgentsThanTheServiceLevel() {
        assertEquals(14, example.agentsFor(0.8, T, 0.75));
        assertEquals(17, example.agentsFor(0.8, T, 0.60));
    }

    @Test
    void shrinkageIsAddedOnTop() {
        StaffingPlan plan = example.plan(0.8, T, 1.0, 0.30);
        assertEquals(14, plan.agents());
        assertEquals(20, plan.scheduled());
        assertEquals(0.1741, plan.probabilityOfWaiting(), 0.00005);
        assertEquals(10.0 / 14, plan.occupancy(), 1e-9);
        assertEquals(13, StaffingPlan.scheduledFor(10, 0.2), "10 ÷ 0.8 = 12.5 → 13");
        assertEquals(10, StaffingPlan.scheduledFor(10, 0.0));
    }

    @ParameterizedTest(name = "A = {0}, N = {1}")
    @CsvSource({"2, 3", "5, 7", "10, 11", "20, 25", "33.3, 40", "50, 55", "100, 110"})
    void agreesWithTheFactorialFormula(double traffic, int agents) {
        ErlangC model = ErlangC.ofTraffic(traffic, AHT);
        assertEquals(factorialPw(traffic, agents), model.probabilityOfWaiting(agents), 1e-9);
    }

    @Test
    void staysFiniteWhereFactorialsWouldOverflow() {
        ErlangC big = ErlangC.ofTraffic(400, AHT);
        double pw = big.probabilityOfWaiting(420);
        assertTrue(pw > 0 && pw < 1, "Pw = " + pw);
        assertTrue(big.agentsFor(0.8, T) > 400);
    }

    @Test
    void tooFewAgentsMeansEveryoneWaitsForever() {
        assertEquals(1.0, example.probabilityOfWaiting(10));
        assertEquals(0.0, example.serviceLevel(9, T));
        assertTrue(example.averageSpeedOfAnswer(10).isEmpty());
    }

    @Test
    void nonsenseInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ErlangC.ofTraffic(0, AHT));
        assertThrows(IllegalArgumentException.class, () -> ErlangC.ofTraffic(5, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> example.agentsFor(1.0, T));
        assertThrows(IllegalArgumentException.class, () -> StaffingPlan.scheduledFor(10, 1.0));
    }

    /** Pw = [Aᴺ/N! · N/(N−A)] ÷ [Σₖ₌₀ᴺ⁻¹ Aᵏ/k! + Aᴺ/N! · N/(N−A)], term by term to stay in range. */
    private static double factorialPw(double a, int n) {
        double term = 1;
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += term;
            term = term * a / (k + 1);
        }
        double top = term * n / (n - a);
        return top / (sum + top);
    }
}
