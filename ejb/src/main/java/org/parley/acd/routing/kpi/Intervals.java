package org.parley.acd.routing.kpi;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Report intervals of a fixed length counted from local midnight in the tenant's time zone, so that "09:00–09:30"
 * means what the supervisor's wall clock says.
 */
public record Intervals(Duration length, ZoneId zone) {

    public Intervals {
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(zone, "zone");
        if (length.isZero() || length.isNegative() || Duration.ofDays(1).toMillis() % length.toMillis() != 0) {
            throw new IllegalArgumentException("an interval must divide a day evenly, was " + length);
        }
    }

    /** The start of the interval that contains {@code at}. */
    public Instant startOf(Instant at) {
        ZonedDateTime midnight = LocalDate.ofInstant(at, zone).atStartOfDay(zone);
        long into = Duration.between(midnight, at.atZone(zone)).toMillis();
        return midnight.toInstant().plusMillis(into - into % length.toMillis());
    }

    public Instant endOf(Instant start) {
        return start.plus(length);
    }
}
