package org.parley.event.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.parley.event.DomainEvent;
import org.parley.event.EventCodec;
import org.parley.event.EventHistory;
import org.parley.rule.RuleViolationException;
import org.parley.tenant.TenantId;

/** Reads the event log with plain JDBC: reports fold many thousands of rows, no entity is needed for that. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class JdbcEventHistory implements EventHistory {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    static final String SELECT = "SELECT event_id, occurred_at, event_type, subject_type, subject_id, actor, payload"
            + " FROM event_log WHERE tenant_id = ? AND event_type LIKE ? AND occurred_at >= ? AND occurred_at < ?"
            + " ORDER BY seq";

    @Resource(lookup = "java:jboss/datasources/ParleyDS")
    private DataSource dataSource;

    static final String TENANTS = "SELECT DISTINCT tenant_id FROM event_log WHERE event_type LIKE ? AND occurred_at >= ?";

    @Override
    public Set<TenantId> tenantsWithEvents(String typePrefix, Instant since) {
        checkPrefix(typePrefix);
        Set<TenantId> tenants = new TreeSet<>((a, b) -> Long.compare(a.value(), b.value()));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(TENANTS)) {
            ps.setString(1, typePrefix + "%");
            ps.setTimestamp(2, Timestamp.from(since), Calendar.getInstance(UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tenants.add(new TenantId(rs.getLong(1)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event log", e);
        }
        return tenants;
    }

    /** Letters, digits and dots only, so the prefix needs no escaping inside LIKE. */
    private static void checkPrefix(String typePrefix) {
        if (!typePrefix.matches("[A-Za-z0-9.]*")) {
            throw new IllegalArgumentException("not a type prefix: " + typePrefix);
        }
    }

    @Override
    public List<DomainEvent> read(TenantId tenant, String typePrefix, Instant from, Instant to) {
        checkPrefix(typePrefix);
        List<DomainEvent> events = new ArrayList<>();
        Calendar utc = Calendar.getInstance(UTC);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setLong(1, tenant.value());
            ps.setString(2, typePrefix + "%");
            ps.setTimestamp(3, Timestamp.from(from), utc);
            ps.setTimestamp(4, Timestamp.from(to), utc);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (events.size() == MAX_EVENTS) {
                        throw new RuleViolationException("from", "more than " + MAX_EVENTS
                                + " events in this range; ask for a shorter one");
                    }
                    events.add(new DomainEvent(UUID.fromString(rs.getString(1)), tenant,
                            rs.getTimestamp(2, utc).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), EventCodec.detailsFromJson(rs.getString(7))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event log", e);
        }
        return events;
    }
}
