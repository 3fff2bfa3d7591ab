package org.parley.web.portal.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class ReportIntervalTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant NINE_IN_PARIS = Instant.parse("2026-12-02T08:00:00Z");

    @Test
    void anIntervalIsShownOnTheTenantsWallClock() {
        assertEquals("2026-12-02 09:00–09:15", ReportInterval.QUARTER_HOUR.describe(NINE_IN_PARIS, PARIS));
        assertEquals("2026-12-02 09:00–09:30", ReportInterval.HALF_HOUR.describe(NINE_IN_PARIS, PARIS));
        assertEquals("2026-12-02 09:00–10:00", ReportInterval.HOUR.describe(NINE_IN_PARIS, PARIS));
        assertEquals("2026-12-02 23:30–00:00",
                ReportInterval.HALF_HOUR.describe(Instant.parse("2026-12-02T22:30:00Z"), PARIS));
    }

    @Test
    void aDayIsShownAsItsDate() {
        assertEquals("2026-12-02", ReportInterval.DAY.describe(Instant.parse("2026-12-01T23:00:00Z"), PARIS));
    }

    @Test
    void everyIntervalDividesADayAsTheAcdRequires() {
        for (ReportInterval interval : ReportInterval.values()) {
            assertTrue(Duration.ofDays(1).toMillis() % interval.length().toMillis() == 0, interval.name());
        }
    }
}
