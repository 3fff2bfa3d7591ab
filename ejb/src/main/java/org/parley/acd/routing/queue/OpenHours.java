package org.parley.acd.routing.queue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * When a queue takes new customers: weekly opening times in the tenant's time zone, minus holidays. Outside them
 * arrivals go to the queue's overflow target (typically voicemail or a callback).
 */
public final class OpenHours {

    private static final OpenHours ALWAYS = new OpenHours(null, Map.of(), Set.of());

    private final ZoneId zone;
    private final Map<DayOfWeek, List<LocalTime[]>> weekly;
    private final Set<LocalDate> holidays;

    private OpenHours(ZoneId zone, Map<DayOfWeek, List<LocalTime[]>> weekly, Set<LocalDate> holidays) {
        this.zone = zone;
        this.weekly = weekly;
        this.holidays = Set.copyOf(holidays);
    }

    public static OpenHours always() {
        return ALWAYS;
    }

    public static Builder in(ZoneId zone) {
        return new Builder(zone);
    }

    public boolean isAlways() {
        return this == ALWAYS;
    }

    public boolean isOpenAt(Instant instant) {
        if (isAlways()) {
            return true;
        }
        ZonedDateTime local = instant.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        for (LocalTime[] span : weekly.getOrDefault(local.getDayOfWeek(), List.of())) {
            if (!time.isBefore(span[0]) && time.isBefore(span[1])) {
                return true;
            }
        }
        return false;
    }

    /** Collects opening spans per weekday (from inclusive, until exclusive) and holidays. */
    public static final class Builder {
        private final ZoneId zone;
        private final Map<DayOfWeek, List<LocalTime[]>> weekly = new EnumMap<>(DayOfWeek.class);
        private final Set<LocalDate> holidays = new HashSet<>();

        private Builder(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
        }

        public Builder open(LocalTime from, LocalTime until, DayOfWeek... days) {
            if (!from.isBefore(until)) {
                throw new IllegalArgumentException("an opening span must end after it starts: " + from + "–" + until);
            }
            for (DayOfWeek day : days) {
                weekly.computeIfAbsent(day, d -> new ArrayList<>()).add(new LocalTime[] {from, until});
            }
            return this;
        }

        public Builder holiday(LocalDate day) {
            holidays.add(Objects.requireNonNull(day, "day"));
            return this;
        }

        public OpenHours build() {
            Map<DayOfWeek, List<LocalTime[]>> copy = new EnumMap<>(DayOfWeek.class);
            weekly.forEach((day, spans) -> copy.put(day, List.copyOf(spans)));
            return new OpenHours(zone, copy, holidays);
        }
    }
}
