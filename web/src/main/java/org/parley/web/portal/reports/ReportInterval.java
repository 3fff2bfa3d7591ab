package org.parley.web.portal.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The interval lengths the report page offers; each divides a day, as the ACD's report requires. */
public enum ReportInterval {
    QUARTER_HOUR("15 min", Duration.ofMinutes(15)),
    HALF_HOUR("30 min", Duration.ofMinutes(30)),
    HOUR("1 h", Duration.ofHours(1)),
    DAY("1 day", Duration.ofDays(1));

    private static final DateTimeFormatter DAY_FORMAT = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("HH:mm");

    private final String label;
    private final Duration length;

    ReportInterval(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    public String label() {
        return label;
    }

    public Duration length() {
        return length;
    }

    /**
     * The interval starting at {@code start} on the tenant's wall clock: "2026-12-02 09:00–09:30", or only the date
     * for a whole day.
     */
    public String describe(Instant start, ZoneId zone) {
        var local = start.atZone(zone);
        if (this == DAY) {
            return DAY_FORMAT.format(local);
        }
        return DAY_FORMAT.format(local) + " " + TIME_FORMAT.format(local) + "–"
                + TIME_FORMAT.format(start.plus(length).atZone(zone));
    }
}
