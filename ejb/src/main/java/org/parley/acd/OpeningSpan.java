package org.parley.acd;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import org.parley.rule.RuleViolationException;

/**
 * One weekly opening span of a queue in the tenant's time zone: on {@code day}, from {@code opens} (inclusive) until
 * {@code closes} (exclusive). Spans never cross midnight; a night shift is two spans.
 */
@Embeddable
public class OpeningSpan {

    @Enumerated(EnumType.STRING)
    @Column(name = "day_of_week", nullable = false, length = 9)
    private DayOfWeek day;

    @Column(name = "opens_at", nullable = false)
    private LocalTime opens;

    @Column(name = "closes_at", nullable = false)
    private LocalTime closes;

    protected OpeningSpan() {
    }

    public OpeningSpan(DayOfWeek day, LocalTime opens, LocalTime closes) {
        if (day == null || opens == null || closes == null) {
            throw new RuleViolationException("openHours", "an opening span needs a day, an opening and a closing time");
        }
        if (!opens.isBefore(closes)) {
            throw new RuleViolationException("openHours", "on " + day + " the queue closes (" + closes
                    + ") before or when it opens (" + opens + ")");
        }
        this.day = day;
        this.opens = opens.withNano(0);
        this.closes = closes.withNano(0);
    }

    public DayOfWeek day() {
        return day;
    }

    public LocalTime opens() {
        return opens;
    }

    public LocalTime closes() {
        return closes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpeningSpan s && s.day == day && s.opens.equals(opens) && s.closes.equals(closes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(day, opens, closes);
    }

    @Override
    public String toString() {
        return day + " " + opens + "-" + closes;
    }
}
