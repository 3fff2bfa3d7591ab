package org.parley.web.portal.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.parley.rule.RuleViolationException;

class ReportPeriodTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void oneDayRunsFromLocalMidnightToTheNext() {
        ReportPeriod day = ReportPeriod.of(LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 2));

        assertEquals(Instant.parse("2026-12-01T23:00:00Z"), day.start(PARIS));
        assertEquals(Instant.parse("2026-12-02T23:00:00Z"), day.end(PARIS));
        assertEquals("queue-report-2026-12-02.csv", day.fileName());
    }

    @Test
    void theLastDayIsIncludedAndADaylightSavingChangeMakesItsDayLonger() {
        ReportPeriod autumn = ReportPeriod.of(LocalDate.of(2026, 10, 24), LocalDate.of(2026, 10, 25));

        assertEquals(Instant.parse("2026-10-23T22:00:00Z"), autumn.start(PARIS));
        assertEquals(Instant.parse("2026-10-25T23:00:00Z"), autumn.end(PARIS), "25 October has 25 hours in Paris");
        assertEquals("queue-report-2026-10-24-2026-10-25.csv", autumn.fileName());
    }

    @Test
    void aLastDayBeforeTheFirstIsRefusedOnTheToField() {
        RuleViolationException refused = assertThrows(RuleViolationException.class,
                () -> ReportPeriod.of(LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 1)));

        assertEquals("to", refused.field());
        assertEquals("The last day is before the first day.", refused.getMessage());
    }

    @Test
    void thirtyOneDaysAreAllowedAndThirtyTwoAreNot() {
        assertEquals(LocalDate.of(2026, 12, 31),
                ReportPeriod.of(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31)).last());

        RuleViolationException refused = assertThrows(RuleViolationException.class,
                () -> ReportPeriod.of(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 1, 1)));
        assertEquals("to", refused.field());
        assertEquals("A report covers at most 31 days.", refused.getMessage());
    }
}
