package org.parley.web.portal.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.parley.acd.routing.kpi.QueueIntervalReport;
import org.parley.acd.routing.queue.QueueId;

class QueueFiguresTest {

    @Test
    void percentagesHaveOneDecimalDroppedWhenZero() {
        assertEquals("80 %", QueueFigures.percent(Optional.of(0.8)));
        assertEquals("83.3 %", QueueFigures.percent(Optional.of(5.0 / 6)));
        assertEquals("100 %", QueueFigures.percent(Optional.of(1.0)));
        assertEquals("0 %", QueueFigures.percent(Optional.of(0.0)));
        assertEquals("0.4 %", QueueFigures.percent(Optional.of(0.0041)));
        assertEquals("—", QueueFigures.percent(Optional.empty()));
    }

    @Test
    void durationsAreMinutesAndSecondsRoundedToTheSecondWithHoursOnlyWhenNeeded() {
        assertEquals("0:00", QueueFigures.duration(Optional.of(Duration.ofMillis(499))));
        assertEquals("0:01", QueueFigures.duration(Optional.of(Duration.ofMillis(500))));
        assertEquals("0:07", QueueFigures.duration(Optional.of(Duration.ofSeconds(7))));
        assertEquals("2:35", QueueFigures.duration(Optional.of(Duration.ofSeconds(155))));
        assertEquals("59:59", QueueFigures.duration(Optional.of(Duration.ofSeconds(3599))));
        assertEquals("1:02:03", QueueFigures.duration(Optional.of(Duration.ofSeconds(3723))));
        assertEquals("—", QueueFigures.duration(Optional.empty()));
    }

    @Test
    void aReportShowsItsCountsAndItsRatesAndTimesAsTheReadmeDefinesThem() {
        QueueIntervalReport report = new QueueIntervalReport(new QueueId("3"), Instant.parse("2026-12-02T08:00:00Z"),
                6, 3, 1, 2, 0, 2, 1, Duration.ofSeconds(45), 3, Duration.ofSeconds(600));

        assertEquals(new QueueFigures("6", "3", "1", "2", "50 %", "0:15", "3:20", "25 %"), QueueFigures.of(report));
    }

    @Test
    void aQuietIntervalCountsZeroAndHasNoRates() {
        QueueIntervalReport report = new QueueIntervalReport(new QueueId("3"), Instant.parse("2026-12-02T08:00:00Z"),
                0, 0, 0, 0, 0, 0, 0, Duration.ZERO, 0, Duration.ZERO);

        assertEquals(QueueFigures.QUIET, QueueFigures.of(report));
    }
}
