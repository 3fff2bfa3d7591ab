package org.parley.health.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.parley.health.Health;
import org.parley.health.HealthContributor;
import org.parley.health.HealthReport;
import org.parley.health.PartHealth;

@ApplicationScoped
public class HealthBean implements Health {

    @Inject
    @Any
    private Instance<HealthContributor> contributors;

    @Inject
    private Clock clock;

    @Override
    public HealthReport check() {
        List<PartHealth> parts = new ArrayList<>();
        for (HealthContributor c : contributors) {
            PartHealth part;
            try {
                part = c.check();
            } catch (RuntimeException e) {
                // A contributor that throws is broken, which is exactly what health must report.
                part = PartHealth.down(c.name(), "check failed: " + e.getClass().getSimpleName());
            }
            parts.add(part);
        }
        parts.sort(Comparator.comparing(PartHealth::name));
        return new HealthReport(clock.instant(), parts);
    }
}
