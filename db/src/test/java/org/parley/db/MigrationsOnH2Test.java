package org.parley.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** The migrations on H2 in MySQL mode, the embedded default: they apply, and the constraints they promise hold. */
class MigrationsOnH2Test {

    private final String url = "jdbc:h2:mem:" + UUID.randomUUID()
            + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1";

    @Test
    void migrationsApplyAndAreIdempotent() {
        Flyway flyway = Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load();
        int applied = flyway.migrate().migrationsExecuted;
        assertTrue(applied >= 1, "at least the first schema migration runs");
        assertEquals(0, flyway.migrate().migrationsExecuted, "a second run has nothing to do");
    }

    @Test
    void extensionsAreUniquePerTenantAndEventsAreUnique() throws SQLException {
        Flyway.configure().dataSource(url, "sa", "").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO tenants (name, sip_domain, time_zone, created_at, version)"
                    + " VALUES ('acme', 'acme.example', 'UTC', CURRENT_TIMESTAMP, 0)");
            long tenant;
            try (ResultSet rs = s.executeQuery("SELECT id FROM tenants WHERE name = 'acme'")) {
                rs.next();
                tenant = rs.getLong(1);
            }
            String agent = "INSERT INTO agents (tenant_id, extension, display_name, enabled, created_at, version)"
                    + " VALUES (" + tenant + ", '1001', 'Ann', TRUE, CURRENT_TIMESTAMP, 0)";
            s.executeUpdate(agent);
            assertThrows(SQLException.class, () -> s.executeUpdate(agent), "same extension twice in one tenant");

            String audit = "INSERT INTO audit_log (event_id, tenant_id, occurred_at, recorded_at, actor, action,"
                    + " subject, detail) VALUES ('" + UUID.randomUUID() + "', " + tenant
                    + ", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'admin', 'AgentCreated', 'agent 1001', '{}')";
            s.executeUpdate(audit);
            assertThrows(SQLException.class, () -> s.executeUpdate(audit), "one audit row per event id");
        }
    }
}
