package org.parley.cdr.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Calendar;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.parley.cdr.CallDetailRecord;
import org.parley.cdr.CallDetailRecordRepository;
import org.parley.tenant.TenantId;

/**
 * The API's reads go through JPA; the projection's batch reads and writes through JDBC on the same data source (so in
 * the same transaction), with the row mapping kept in {@link CallDetailRecord} beside its JPA mapping.
 */
@ApplicationScoped
public class JpaCallDetailRecordRepository implements CallDetailRecordRepository {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    static final String INSERT = "INSERT INTO call_detail_records (" + CallDetailRecord.KEY_COLUMNS + ", "
            + CallDetailRecord.DATA_COLUMNS + ", version) VALUES (?, ?, "
            + "?, ".repeat(CallDetailRecord.DATA_COLUMN_COUNT) + "0)";
    static final String UPDATE = "UPDATE call_detail_records SET "
            + CallDetailRecord.DATA_COLUMNS.replace(",", " = ?,") + " = ?, version = version + 1"
            + " WHERE tenant_id = ? AND call_ref = ? AND version = ?";

    @PersistenceContext(unitName = "parley")
    private EntityManager em;

    @Resource(lookup = "java:jboss/datasources/ParleyDS")
    private DataSource dataSource;

    /** For CDI. */
    protected JpaCallDetailRecordRepository() {
    }

    /** The projection's JDBC path alone, on {@code dataSource} (tests). */
    JpaCallDetailRecordRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<CallDetailRecord> find(TenantId tenant, String call) {
        return em.createQuery("SELECT c FROM CallDetailRecord c WHERE c.tenantId = :t AND c.call = :c",
                CallDetailRecord.class).setParameter("t", tenant.value()).setParameter("c", call)
                .getResultStream().findFirst();
    }

    @Override
    public List<CallDetailRecord> list(TenantId tenant, Instant from, Instant to, int limit) {
        return em.createQuery("SELECT c FROM CallDetailRecord c WHERE c.tenantId = :t AND c.startedAt >= :f"
                + " AND c.startedAt < :u ORDER BY c.startedAt DESC, c.id DESC", CallDetailRecord.class)
                .setParameter("t", tenant.value()).setParameter("f", from).setParameter("u", to)
                .setMaxResults(limit).getResultList();
    }

    @Override
    public Map<String, CallDetailRecord> findAll(TenantId tenant, Collection<String> calls) {
        if (calls.isEmpty()) {
            return Map.of();
        }
        // Not "tenant_id = ? AND call_ref IN (...)": H2 plans that on uq_cdr_call (tenant_id, call_ref) and, using an
        // IN list on an index's first column only, reads every CDR of the tenant for each batch. call_ref leads
        // ix_cdr_call, and the tenant is checked here (call references are Parley's UUIDs, so another tenant's
        // row with the same one is only conceivable, and it is left out).
        String sql = "SELECT version, " + CallDetailRecord.KEY_COLUMNS + ", " + CallDetailRecord.DATA_COLUMNS
                + " FROM call_detail_records WHERE call_ref IN (" + "?, ".repeat(calls.size() - 1) + "?)";
        Calendar utc = Calendar.getInstance(UTC);
        Map<String, CallDetailRecord> found = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String call : calls) {
                ps.setString(i++, call);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    CallDetailRecord record = CallDetailRecord.read(rs, utc);
                    if (record.tenant().equals(tenant)) {
                        found.put(record.call(), record);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the CDRs of " + calls.size() + " call(s)", e);
        }
        return found;
    }

    @Override
    public void save(Collection<CallDetailRecord> created, Collection<CallDetailRecord> changed) {
        Calendar utc = Calendar.getInstance(UTC);
        try (Connection c = dataSource.getConnection()) {
            if (!created.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    for (CallDetailRecord record : created) {
                        ps.setLong(1, record.tenant().value());
                        ps.setString(2, record.call());
                        record.bind(ps, 3, utc);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            if (!changed.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                    int last = CallDetailRecord.DATA_COLUMN_COUNT;
                    for (CallDetailRecord record : changed) {
                        record.bind(ps, 1, utc);
                        ps.setLong(last + 1, record.tenant().value());
                        ps.setString(last + 2, record.call());
                        ps.setLong(last + 3, record.version());
                        ps.addBatch();
                    }
                    int[] counts = ps.executeBatch();
                    int i = 0;
                    for (CallDetailRecord record : changed) {
                        // SUCCESS_NO_INFO (-2) is a driver that does not count; H2 and MariaDB's do.
                        if (counts[i++] == 0) {
                            throw new IllegalStateException(record + " was changed meanwhile (version "
                                    + record.version() + " is gone)");
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not write " + created.size() + " new and " + changed.size()
                    + " changed CDR(s)", e);
        }
    }
}
