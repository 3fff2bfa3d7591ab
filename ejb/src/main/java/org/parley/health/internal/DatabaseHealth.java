package org.parley.health.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;

import org.parley.health.HealthContributor;
import org.parley.health.PartHealth;

/** The database is up when a pooled connection answers a query within two seconds. */
@ApplicationScoped
public class DatabaseHealth implements HealthContributor {

    private static final Duration DEADLINE = Duration.ofSeconds(2);

    @Resource(lookup = "java:jboss/datasources/ParleyDS")
    private DataSource dataSource;

    @Resource
    private ManagedExecutorService executor;

    private final BoundedCheck check = new BoundedCheck("database", DEADLINE);

    @Override
    public String name() {
        return "database";
    }

    @Override
    public PartHealth check() {
        return check.run(executor, () -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.setQueryTimeout((int) DEADLINE.toSeconds());
                try (ResultSet rs = s.executeQuery("SELECT 1")) {
                    rs.next();
                }
                return PartHealth.up("database", c.getMetaData().getDatabaseProductName() + " "
                        + c.getMetaData().getDatabaseProductVersion());
            }
        });
    }
}
