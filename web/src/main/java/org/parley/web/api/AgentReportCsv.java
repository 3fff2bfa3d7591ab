package org.parley.web.api;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.parley.web.api.RoutingViews.AgentReportRow;

/**
 * The agent report as CSV (RFC 4180: a header line, CRLF line ends). One line per agent and interval, in the
 * report's order; the columns are {@link AgentReportRow}'s, times in seconds and rates as fractions with three
 * decimals, empty where nothing counts yet. The last column is the paused time by reason, {@code reason=seconds}
 * pairs joined with {@code ;}, quoted (a reason code is the tenant's own text).
 */
final class AgentReportCsv {

    static final String HEADER = "agent,interval_start,logged_in_seconds,handling_seconds,idle_seconds,"
            + "paused_seconds,occupancy,utilisation,offered,accepted,declined,missed,paused_seconds_by_reason";

    private static final String LINE_END = "\r\n";

    private AgentReportCsv() {
    }

    static String write(List<AgentReportRow> rows) {
        StringBuilder body = new StringBuilder(HEADER).append(LINE_END);
        rows.forEach(r -> body.append(line(r)).append(LINE_END));
        return body.toString();
    }

    static String line(AgentReportRow row) {
        String byReason = row.pausedSecondsByReason().entrySet().stream()
                .map(e -> e.getKey() + "=" + number(e.getValue())).collect(Collectors.joining(";"));
        return String.join(",", Long.toString(row.agent()), row.intervalStart().toString(),
                number(row.loggedInSeconds()), number(row.handlingSeconds()), number(row.idleSeconds()),
                number(row.pausedSeconds()), number(row.occupancy()), number(row.utilisation()),
                Integer.toString(row.offered()), Integer.toString(row.accepted()), Integer.toString(row.declined()),
                Integer.toString(row.missed()), quoted(byReason));
    }

    /** RFC 4180: a field in double quotes, a double quote inside doubled; a leading formula character defused. */
    private static String quoted(String field) {
        String safe = !field.isEmpty() && "=+-@".indexOf(field.charAt(0)) >= 0 ? "'" + field : field;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.3f", value);
    }
}
