package org.parley.web.portal.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import org.parley.rule.RuleViolationException;

/**
 * The days a report covers, the first and the last included, as dates on the tenant's calendar: a report "for
 * 2 December" runs from that day's local midnight to the next one's, whatever the server's zone.
 */
public record ReportPeriod(LocalDate first, LocalDate last) {

    /** The ACD reports at most this many days at once. */
    static final int LONGEST_DAYS = 31;

    public ReportPeriod {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
    }

    /**
     * @throws RuleViolationException on {@code to}, the form's field for the last day, if it is before the first
     *                                or the period is longer than the ACD reports
     */
    public static ReportPeriod of(LocalDate first, LocalDate last) {
        if (last.isBefore(first)) {
            throw new RuleViolationException("to", "The last day is before the first day.");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > LONGEST_DAYS) {
            throw new RuleViolationException("to", "A report covers at most " + LONGEST_DAYS + " days.");
        }
        return new ReportPeriod(first, last);
    }

    /** Local midnight at the start of the first day. */
    public Instant start(ZoneId zone) {
        return first.atStartOfDay(zone).toInstant();
    }

    /** Local midnight at the end of the last day (a 23- or 25-hour day on a daylight-saving change). */
    public Instant end(ZoneId zone) {
        return last.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The download's name, which says what it covers: {@code queue-report-2026-12-01-2026-12-02.csv}. */
    public String fileName() {
        return first.equals(last) ? "queue-report-" + first + ".csv" : "queue-report-" + first + "-" + last + ".csv";
    }
}
