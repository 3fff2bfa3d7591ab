package org.parley.health;

import java.time.Instant;
import java.util.List;

/** Every part's state at one moment; UP only if all parts are. */
public record HealthReport(Instant checkedAt, List<PartHealth> parts) {

    public HealthReport {
        parts = List.copyOf(parts);
    }

    public boolean up() {
        return parts.stream().allMatch(PartHealth::up);
    }
}
