package org.parley.cdr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.cdr.CallDetailRecord;
import org.parley.cdr.CallDetailRecordProjection;
import org.parley.cdr.CallOutcome;
import org.parley.cdr.LegQuality;
import org.parley.event.DomainEvent;
import org.parley.tenant.TenantId;

/**
 * The projection's JDBC path on H2 in the server's mode, migrated by the real migrations: what it writes reads back
 * field for field, later batches update the row, and a stale version is refused. {@code MariaDbSchemaIT} runs the
 * same path on MariaDB.
 */
public class CallDetailRecordRowsTest {

    static final Instant T0 = Instant.parse("2026-12-05T09:00:00.123Z");

    private JpaCallDetailRecordRepository repository;
    private TenantId tenant;

    @BeforeEach
    void migratedDatabase() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:cdr-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=MySQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;NON_KEYWORDS=VALUE");
        dataSource.setUser("sa");
        dataSource.setPassword("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        tenant = tenant(dataSource);
        repository = new JpaCallDetailRecordRepository(dataSource);
    }

    /** The repository's JDBC path on {@code dataSource}, for the MariaDB IT. */
    public static JpaCallDetailRecordRepository repository(DataSource dataSource) {
        return new JpaCallDetailRecordRepository(dataSource);
    }

    /** A tenant row for the records' foreign key. */
    public static TenantId tenant(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String name = "cdr-" + UUID.randomUUID();
            s.executeUpdate("INSERT INTO tenants (name, sip_domain, time_zone, created_at, version) VALUES ('" + name
                    + "', '" + name + ".example', 'UTC', '2026-12-05 09:00:00', 0)");
            try (ResultSet rs = s.executeQuery("SELECT id FROM tenants WHERE name = '" + name + "'")) {
                rs.next();
                return new TenantId(rs.getLong(1));
            }
        }
    }

    static DomainEvent event(TenantId tenant, String call, String type, long millis, Map<String, String> details) {
        return new DomainEvent(UUID.randomUUID(), tenant, T0.plusMillis(millis), type, "call", call, "sip", details);
    }

    @Test
    void aCallsStepsInSeveralBatchesReadBackFieldForField() {
        assertStepsReadBack(repository, tenant, 1);
    }

    /** Shared with the MariaDB IT; {@code precision} is the database's time precision in milliseconds. */
    public static void assertStepsReadBack(JpaCallDetailRecordRepository repository, TenantId tenant,
                                           long precision) {
        CallDetailRecordProjection projection = new CallDetailRecordProjection(repository);
        String call = UUID.randomUUID().toString();
        String unanswered = UUID.randomUUID().toString();
        projection.apply(List.of(
                event(tenant, call, CallDetailRecord.STARTED, 0, Map.of("caller", "1001", "callee", "1002")),
                event(tenant, call, CallDetailRecord.RINGING, 40, Map.of()),
                event(tenant, unanswered, CallDetailRecord.STARTED, 50, Map.of("caller", "1003", "callee", "1004"))));
        projection.apply(List.of(event(tenant, call, CallDetailRecord.ANSWERED, 900, Map.of())));
        projection.apply(List.of(event(tenant, call, CallDetailRecord.ENDED, 61_500, CallDetailRecord.details(
                new CallOutcome("ANSWERED", "CALLER", 200, Optional.of("PCMU"),
                        Optional.of(new LegQuality(3000, 2990, 10, 2.5, 4.31)),
                        Optional.of(new LegQuality(3001, 3000, 0, 0.75, 4.4)))))));

        CallDetailRecord r = repository.findAll(tenant, List.of(call)).get(call);
        assertEquals(call, r.call());
        assertEquals(tenant, r.tenant());
        assertEquals("1001", r.caller());
        assertEquals("1002", r.callee());
        assertEquals(at(0, precision), r.startedAt());
        assertEquals(Optional.of(at(40, precision)), r.ringingAt());
        assertEquals(Optional.of(at(900, precision)), r.answeredAt());
        assertEquals(Optional.of(at(61_500, precision)), r.endedAt());
        assertEquals(Optional.of("ANSWERED"), r.disposition());
        assertEquals(Optional.of("CALLER"), r.hangupSide());
        assertEquals(Optional.of(200), r.finalCode());
        assertEquals(Optional.of("PCMU"), r.codec());
        assertEquals(Optional.empty(), r.endReason());
        assertEquals(Optional.of(new LegQuality(3000, 2990, 10, 2.5, 4.31)), r.callerQuality());
        assertEquals(Optional.of(new LegQuality(3001, 3000, 0, 0.75, 4.4)), r.calleeQuality());
        assertEquals(2, r.version(), "inserted, then updated by two later batches");

        CallDetailRecord open = repository.findAll(tenant, List.of(unanswered, "no-such-call")).get(unanswered);
        assertEquals("1003", open.caller());
        assertEquals(Optional.empty(), open.ringingAt());
        assertEquals(Optional.empty(), open.finalCode());
        assertEquals(Optional.empty(), open.callerQuality());
        assertEquals(0, open.version());
        assertEquals(Map.of(), repository.findAll(new TenantId(tenant.value() + 1_000), List.of(call)),
                "another tenant's call reference finds nothing");
    }

    private static Instant at(long millis, long precision) {
        long ms = T0.plusMillis(millis).toEpochMilli();
        return Instant.ofEpochMilli(ms - Math.floorMod(ms, precision));
    }

    @Test
    void aRecordChangedMeanwhileIsRefusedAndTheRowKeepsTheOtherChange() {
        CallDetailRecordProjection projection = new CallDetailRecordProjection(repository);
        String call = UUID.randomUUID().toString();
        projection.apply(List.of(event(tenant, call, CallDetailRecord.STARTED, 0,
                Map.of("caller", "1001", "callee", "1002"))));
        CallDetailRecord stale = repository.findAll(tenant, List.of(call)).get(call);
        projection.apply(List.of(event(tenant, call, CallDetailRecord.RINGING, 40, Map.of())));

        stale.apply(event(tenant, call, CallDetailRecord.ANSWERED, 900, Map.of()));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> repository.save(List.of(), List.of(stale)));
        assertTrue(refused.getMessage().contains("changed meanwhile"), refused.getMessage());

        CallDetailRecord now = repository.findAll(tenant, List.of(call)).get(call);
        assertEquals(Optional.of(T0.plusMillis(40)), now.ringingAt());
        assertEquals(Optional.empty(), now.answeredAt());
    }
}
