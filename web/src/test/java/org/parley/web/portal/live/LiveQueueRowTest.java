package org.parley.web.portal.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.parley.acd.QueueId;
import org.parley.acd.RoutingService.QueueLive;
import org.parley.acd.routing.agent.AgentState;
import org.parley.acd.routing.kpi.QueueIntervalReport;
import org.parley.web.portal.reports.QueueFigures;

class LiveQueueRowTest {

    @Test
    void showsWhatHappensNowAgentsInEveryStateAndTodaysFigures() {
        QueueIntervalReport today = new QueueIntervalReport(new org.parley.acd.routing.queue.QueueId("5"),
                Instant.parse("2026-12-01T23:00:00Z"), 2, 1, 0, 1, 0, 1, 0, Duration.ofSeconds(3), 1,
                Duration.ofSeconds(62));
        QueueLive live = new QueueLive(new QueueId(5), 2, Optional.of(Duration.ofSeconds(75)),
                Map.of(AgentState.AVAILABLE, 1, AgentState.BUSY, 3, AgentState.PAUSED, 1), Optional.of(today));

        LiveQueueRow row = LiveQueueRow.of(5, "Billing", live);

        assertEquals(new LiveQueueRow(5, "Billing", "2", "1:15", "1", "0", "3", "0", "1", "0",
                new QueueFigures("2", "1", "0", "1", "100 %", "0:03", "1:02", "0 %")), row);
    }

    @Test
    void aQueueNobodyEnteredTodayCountsZeroAndNobodyWaitingHasNoLongestWait() {
        QueueLive live = new QueueLive(new QueueId(5), 0, Optional.empty(), Map.of(), Optional.empty());

        LiveQueueRow row = LiveQueueRow.of(5, "Billing", live);

        assertEquals("0", row.waiting());
        assertEquals("—", row.longestWait());
        assertEquals("0", row.loggedOut());
        assertEquals(QueueFigures.QUIET, row.today());
    }
}
