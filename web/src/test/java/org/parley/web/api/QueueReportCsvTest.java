package org.parley.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parley.acd.routing.kpi.QueueIntervalReport;
import org.parley.acd.routing.queue.QueueId;

class QueueReportCsvTest {

    private static final Instant NINE = Instant.parse("2026-12-02T08:00:00Z");

    @Test
    void aHeaderThenOneCrlfLinePerQueueAndIntervalWithRatesAndSecondsToThreeDecimals() {
        QueueIntervalReport busy = new QueueIntervalReport(new QueueId("7"), NINE, 4, 3, 1, 0, 0, 2, 1,
                Duration.ofMillis(31_500), 3, Duration.ofSeconds(400));

        assertEquals(QueueReportCsv.HEADER + "\r\n"
                + "7,2026-12-02T08:00:00Z,4,3,1,0,0,2,1,3,0.500,10.500,133.333,0.250\r\n",
                QueueReportCsv.of(List.of(busy)));
    }

    @Test
    void figuresWithNothingToCountAreLeftEmpty() {
        QueueIntervalReport onlyShortAbandon = new QueueIntervalReport(new QueueId("7"), NINE, 1, 0, 0, 1, 0, 0, 0,
                Duration.ZERO, 0, Duration.ZERO);

        assertEquals("7,2026-12-02T08:00:00Z,1,0,0,1,0,0,0,0,,,,",
                QueueReportCsv.of(List.of(onlyShortAbandon)).split("\r\n")[1]);
    }

    @Test
    void noReportsIsTheHeaderAlone() {
        assertEquals("queue,interval_start,offered,answered,abandoned,short_abandons,overflowed,"
                + "answered_within_threshold,abandoned_after_threshold,handled,service_level,asa_seconds,"
                + "aht_seconds,abandon_rate\r\n", QueueReportCsv.of(List.of()));
    }
}
