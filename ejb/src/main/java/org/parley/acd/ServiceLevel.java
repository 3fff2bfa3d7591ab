package org.parley.acd;

import java.time.Duration;

import org.parley.rule.RuleViolationException;

/** A queue's service-level goal: {@code percent} of interactions answered within {@code threshold} (80 % in 20 s). */
public record ServiceLevel(int percent, Duration threshold) {

    public ServiceLevel {
        if (percent < 1 || percent > 100) {
            throw new RuleViolationException("slaPercent", "service level percent must be between 1 and 100");
        }
        if (threshold == null || threshold.toSeconds() < 1 || threshold.toSeconds() > 3600) {
            throw new RuleViolationException("slaSeconds", "service level threshold must be 1 to 3600 seconds");
        }
    }
}
