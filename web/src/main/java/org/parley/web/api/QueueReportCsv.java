package org.parley.web.api;

import java.util.List;
import java.util.Locale;

import org.parley.acd.routing.kpi.QueueIntervalReport;
import org.parley.web.api.RoutingViews.QueueReportRow;

/**
 * The queue report as CSV (RFC 4180: a header line, CRLF line ends), written here for both the REST API and the
 * portal's download so the two files never differ. One line per queue and interval, in the report's order; the
 * columns are {@link QueueReportRow}'s: rates as fractions and times in seconds, three decimals, empty where nothing
 * counts yet. Every value is a number or an ISO-8601 instant, so nothing needs quoting.
 */
public final class QueueReportCsv {

    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";

    static final String HEADER = "queue,interval_start,offered,answered,abandoned,short_abandons,overflowed,"
            + "answered_within_threshold,abandoned_after_threshold,handled,service_level,asa_seconds,"
            + "aht_seconds,abandon_rate";

    private static final String LINE_END = "\r\n";

    private QueueReportCsv() {
    }

    /** The whole file for these reports. */
    public static String of(List<QueueIntervalReport> reports) {
        return write(reports.stream().map(QueueReportRow::of).toList());
    }

    static String write(List<QueueReportRow> rows) {
        StringBuilder body = new StringBuilder(HEADER).append(LINE_END);
        rows.forEach(r -> body.append(line(r)).append(LINE_END));
        return body.toString();
    }

    static String line(QueueReportRow row) {
        return String.join(",", Long.toString(row.queue()), row.intervalStart().toString(),
                Integer.toString(row.offered()), Integer.toString(row.answered()), Integer.toString(row.abandoned()),
                Integer.toString(row.shortAbandons()), Integer.toString(row.overflowed()),
                Integer.toString(row.answeredWithinThreshold()), Integer.toString(row.abandonedAfterThreshold()),
                Integer.toString(row.handled()), number(row.serviceLevel()),
                number(row.averageSpeedOfAnswerSeconds()), number(row.averageHandleTimeSeconds()),
                number(row.abandonRate()));
    }

    private static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.3f", value);
    }
}
