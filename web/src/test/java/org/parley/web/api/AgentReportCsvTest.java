package org.parley.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import org.parley.web.api.RoutingViews.AgentReportRow;

class AgentReportCsvTest {

    @Test
    void oneLinePerAgentAndIntervalWithThePausesByReasonQuoted() {
        Map<String, Double> byReason = new TreeMap<>(Map.of("lunch", 600.0, "say \"hi\"", 5.5));
        AgentReportRow row = new AgentReportRow(7, Instant.parse("2026-12-02T08:00:00Z"), 1805.5, 900, 300, 605.5,
                byReason, 0.75, 900 / 1805.5, 3, 2, 0, 1);
        AgentReportRow quiet = new AgentReportRow(8, Instant.parse("2026-12-02T08:00:00Z"), 0, 0, 0, 0, Map.of(),
                null, null, 0, 0, 0, 0);
        assertEquals(AgentReportCsv.HEADER + "\r\n"
                + "7,2026-12-02T08:00:00Z,1805.500,900.000,300.000,605.500,0.750,0.498,3,2,0,1,"
                + "\"lunch=600.000;say \"\"hi\"\"=5.500\"\r\n"
                + "8,2026-12-02T08:00:00Z,0.000,0.000,0.000,0.000,,,0,0,0,0,\"\"\r\n",
                AgentReportCsv.write(List.of(row, quiet)));
    }

    @Test
    void aReasonThatLooksLikeAFormulaIsDefused() {
        AgentReportRow row = new AgentReportRow(7, Instant.parse("2026-12-02T08:00:00Z"), 1, 0, 0, 1,
                Map.of("=cmd", 1.0), null, 0.0, 0, 0, 0, 0);
        assertEquals("7,2026-12-02T08:00:00Z,1.000,0.000,0.000,1.000,,0.000,0,0,0,0,\"'=cmd=1.000\"",
                AgentReportCsv.line(row));
    }
}
