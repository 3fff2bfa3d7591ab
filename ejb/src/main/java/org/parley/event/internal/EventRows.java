package org.parley.event.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;

import org.parley.event.DomainEvent;
import org.parley.event.EventCodec;

/** Events as rows of the {@code event_log} table: one JDBC batch on the caller's connection and transaction. */
public final class EventRows {

    static final String INSERT = "INSERT INTO event_log (event_id, tenant_id, occurred_at, event_type, subject_type,"
            + " subject_id, actor, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private EventRows() {
    }

    public static void insert(Connection c, List<DomainEvent> batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            Calendar utc = Calendar.getInstance(UTC);
            for (DomainEvent event : batch) {
                ps.setString(1, event.id().toString());
                ps.setLong(2, event.tenant().value());
                ps.setTimestamp(3, Timestamp.from(event.occurredAt()), utc);
                ps.setString(4, event.type());
                ps.setString(5, event.subjectType());
                ps.setString(6, event.subjectId());
                ps.setString(7, event.actor());
                ps.setString(8, EventCodec.detailsToJson(event.details()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
