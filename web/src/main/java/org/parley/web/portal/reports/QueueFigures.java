package org.parley.web.portal.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.parley.acd.routing.kpi.QueueIntervalReport;

/**
 * A queue's figures for one interval as the portal shows them (the definitions are in the README's KPI section):
 * counts as they are, service level and abandon rate as percentages, ASA and AHT as minutes and seconds, and a dash
 * where a figure has nothing to count yet (no ASA before the first answer).
 */
public record QueueFigures(String offered, String answered, String abandoned, String shortAbandons,
        String serviceLevel, String averageSpeedOfAnswer, String averageHandleTime, String abandonRate) {

    /** What a figure shows when there is nothing to count, or it could not be read. */
    public static final String NONE = "—";

    /** A queue nobody entered in the interval. */
    public static final QueueFigures QUIET = new QueueFigures("0", "0", "0", "0", NONE, NONE, NONE, NONE);

    /** A queue whose figures could not be read this time. */
    public static final QueueFigures UNKNOWN = new QueueFigures(NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE);

    public static QueueFigures of(QueueIntervalReport report) {
        return new QueueFigures(Integer.toString(report.offered()), Integer.toString(report.answered()),
                Integer.toString(report.abandoned()), Integer.toString(report.shortAbandons()),
                percent(report.serviceLevel()), duration(report.averageSpeedOfAnswer()),
                duration(report.averageHandleTime()), percent(report.abandonRate()));
    }

    /** A fraction as a percentage with one decimal, dropped when it is zero: 0.8 → "80 %", 0.8333 → "83.3 %". */
    public static String percent(Optional<Double> fraction) {
        return fraction.map(f -> BigDecimal.valueOf(f * 100).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString() + " %").orElse(NONE);
    }

    /** To the nearest second, as a wallboard shows it: 7 s → "0:07", 155 s → "2:35", 3723 s → "1:02:03". */
    public static String duration(Optional<Duration> duration) {
        return duration.map(QueueFigures::clock).orElse(NONE);
    }

    private static String clock(Duration duration) {
        long seconds = Math.max(0, (duration.toMillis() + 500) / 1000);
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", minutes, seconds % 60);
    }
}
