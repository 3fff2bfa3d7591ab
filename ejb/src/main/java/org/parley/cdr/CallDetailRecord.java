package org.parley.cdr;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Calendar;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.parley.event.DomainEvent;
import org.parley.tenant.TenantId;

/**
 * One call's record: who called whom, when it started, rang, was answered and ended, how it ended, and each leg's
 * quality. It is the projection of the call's {@code call.*} events; applying an event again changes nothing, so a
 * redelivered event is harmless.
 */
@Entity
@Table(name = "call_detail_records")
public class CallDetailRecord {

    public static final String TYPE_PREFIX = "call.";
    public static final String STARTED = "call.Started";
    public static final String RINGING = "call.Ringing";
    public static final String ANSWERED = "call.Answered";
    public static final String ENDED = "call.Ended";

    private static final String UNKNOWN = "unknown";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private long tenantId;

    @Column(name = "call_ref", nullable = false, updatable = false, length = 36)
    private String call;

    @Column(nullable = false, length = 128)
    private String caller;

    @Column(nullable = false, length = 128)
    private String callee;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "ringing_at")
    private Instant ringingAt;

    @Column(name = "answered_at")
    private Instant answeredAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(length = 16)
    private String disposition;

    @Column(name = "hangup_side", length = 8)
    private String hangupSide;

    @Column(name = "final_code")
    private Integer finalCode;

    @Column(length = 16)
    private String codec;

    /** Why Parley ended the call itself (call.Ended's {@code reason}); null when its parties ended it. */
    @Column(name = "end_reason", length = 40)
    private String endReason;

    @Column(name = "caller_packets_sent")
    private Long callerPacketsSent;
    @Column(name = "caller_packets_recv")
    private Long callerPacketsReceived;
    @Column(name = "caller_packets_lost")
    private Long callerPacketsLost;
    @Column(name = "caller_jitter_ms")
    private Double callerJitterMillis;
    @Column(name = "caller_mos")
    private Double callerMos;

    @Column(name = "callee_packets_sent")
    private Long calleePacketsSent;
    @Column(name = "callee_packets_recv")
    private Long calleePacketsReceived;
    @Column(name = "callee_packets_lost")
    private Long calleePacketsLost;
    @Column(name = "callee_jitter_ms")
    private Double calleeJitterMillis;
    @Column(name = "callee_mos")
    private Double calleeMos;

    @Version
    private long version;

    protected CallDetailRecord() {
    }

    // ---- the row, for the projection's JDBC path ----------------------------------------------------------------
    // The projection writes every call step (a row inserted, then updated two or three times per call), and through
    // JPA each insert ran at persist (IDENTITY keys) and each batch's flush dirty-checked its records: Hibernate's own
    // work was 4 % of the server's CPU samples at 100 call setups/s (profile of 2026-12-05). The API reads through
    // the mapping above; the projection reads and writes the same columns here, next to it, so the two change together.

    /** The columns that identify the call's row, then the ones its events fill (the order {@link #bind} uses). */
    public static final String KEY_COLUMNS = "tenant_id, call_ref";
    public static final String DATA_COLUMNS = "caller, callee, started_at, ringing_at, answered_at, ended_at,"
            + " disposition, hangup_side, final_code, codec, end_reason, caller_packets_sent, caller_packets_recv,"
            + " caller_packets_lost, caller_jitter_ms, caller_mos, callee_packets_sent, callee_packets_recv,"
            + " callee_packets_lost, callee_jitter_ms, callee_mos";
    /** How many parameters {@link #bind} sets. */
    public static final int DATA_COLUMN_COUNT = 21;

    /** The record in a row selected as {@code version, KEY_COLUMNS, DATA_COLUMNS}; times in {@code utc}. */
    public static CallDetailRecord read(ResultSet rs, Calendar utc) throws SQLException {
        CallDetailRecord r = new CallDetailRecord();
        int i = 1;
        r.version = rs.getLong(i++);
        r.tenantId = rs.getLong(i++);
        r.call = rs.getString(i++);
        r.caller = rs.getString(i++);
        r.callee = rs.getString(i++);
        r.startedAt = instant(rs.getTimestamp(i++, utc));
        r.ringingAt = instant(rs.getTimestamp(i++, utc));
        r.answeredAt = instant(rs.getTimestamp(i++, utc));
        r.endedAt = instant(rs.getTimestamp(i++, utc));
        r.disposition = rs.getString(i++);
        r.hangupSide = rs.getString(i++);
        r.finalCode = rs.getObject(i++, Integer.class);
        r.codec = rs.getString(i++);
        r.endReason = rs.getString(i++);
        r.callerPacketsSent = rs.getObject(i++, Long.class);
        r.callerPacketsReceived = rs.getObject(i++, Long.class);
        r.callerPacketsLost = rs.getObject(i++, Long.class);
        r.callerJitterMillis = rs.getObject(i++, Double.class);
        r.callerMos = rs.getObject(i++, Double.class);
        r.calleePacketsSent = rs.getObject(i++, Long.class);
        r.calleePacketsReceived = rs.getObject(i++, Long.class);
        r.calleePacketsLost = rs.getObject(i++, Long.class);
        r.calleeJitterMillis = rs.getObject(i++, Double.class);
        r.calleeMos = rs.getObject(i, Double.class);
        return r;
    }

    /** Sets {@link #DATA_COLUMNS} as parameters {@code first} onwards; times in {@code utc}. */
    public void bind(PreparedStatement ps, int first, Calendar utc) throws SQLException {
        int i = first;
        ps.setString(i++, caller);
        ps.setString(i++, callee);
        ps.setTimestamp(i++, Timestamp.from(startedAt), utc);
        setTime(ps, i++, ringingAt, utc);
        setTime(ps, i++, answeredAt, utc);
        setTime(ps, i++, endedAt, utc);
        ps.setString(i++, disposition);
        ps.setString(i++, hangupSide);
        setNumber(ps, i++, finalCode, Types.INTEGER);
        ps.setString(i++, codec);
        ps.setString(i++, endReason);
        setNumber(ps, i++, callerPacketsSent, Types.BIGINT);
        setNumber(ps, i++, callerPacketsReceived, Types.BIGINT);
        setNumber(ps, i++, callerPacketsLost, Types.BIGINT);
        setNumber(ps, i++, callerJitterMillis, Types.DOUBLE);
        setNumber(ps, i++, callerMos, Types.DOUBLE);
        setNumber(ps, i++, calleePacketsSent, Types.BIGINT);
        setNumber(ps, i++, calleePacketsReceived, Types.BIGINT);
        setNumber(ps, i++, calleePacketsLost, Types.BIGINT);
        setNumber(ps, i++, calleeJitterMillis, Types.DOUBLE);
        setNumber(ps, i, calleeMos, Types.DOUBLE);
    }

    /** The row version this record was read at (0 for a record not yet stored). */
    public long version() {
        return version;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static void setTime(PreparedStatement ps, int i, Instant at, Calendar utc) throws SQLException {
        if (at == null) {
            ps.setNull(i, Types.TIMESTAMP);
        } else {
            ps.setTimestamp(i, Timestamp.from(at), utc);
        }
    }

    private static void setNumber(PreparedStatement ps, int i, Number n, int type) throws SQLException {
        if (n == null) {
            ps.setNull(i, type);
        } else {
            ps.setObject(i, n, type);
        }
    }

    /** The record of a call first seen in this event (normally its {@code call.Started}). */
    public static CallDetailRecord from(DomainEvent first) {
        CallDetailRecord r = new CallDetailRecord();
        r.tenantId = first.tenant().value();
        r.call = first.subjectId();
        r.caller = UNKNOWN;
        r.callee = UNKNOWN;
        r.startedAt = first.occurredAt();
        r.apply(first);
        return r;
    }

    /** Folds one of the call's events in. */
    public void apply(DomainEvent event) {
        if (!event.subjectId().equals(call) || event.tenant().value() != tenantId) {
            throw new IllegalArgumentException("event " + event.id() + " is not about call " + call);
        }
        Map<String, String> d = event.details();
        switch (event.type()) {
            case STARTED -> {
                caller = d.getOrDefault("caller", UNKNOWN);
                callee = d.getOrDefault("callee", UNKNOWN);
                startedAt = event.occurredAt();
            }
            case RINGING -> ringingAt = event.occurredAt();
            case ANSWERED -> answeredAt = event.occurredAt();
            case ENDED -> {
                // Every number is read before anything changes: a detail that does not parse leaves the record as
                // it was, not half ended.
                Integer code = intOrNull(d.get("finalCode"));
                Long callerSent = longOrNull(d.get("callerPacketsSent"));
                Long callerReceived = longOrNull(d.get("callerPacketsReceived"));
                Long callerLost = longOrNull(d.get("callerPacketsLost"));
                Double callerJitter = doubleOrNull(d.get("callerJitterMs"));
                Double callerScore = doubleOrNull(d.get("callerMos"));
                Long calleeSent = longOrNull(d.get("calleePacketsSent"));
                Long calleeReceived = longOrNull(d.get("calleePacketsReceived"));
                Long calleeLost = longOrNull(d.get("calleePacketsLost"));
                Double calleeJitter = doubleOrNull(d.get("calleeJitterMs"));
                Double calleeScore = doubleOrNull(d.get("calleeMos"));
                endedAt = event.occurredAt();
                disposition = d.get("disposition");
                hangupSide = d.get("hangupSide");
                finalCode = code;
                codec = d.get("codec");
                endReason = d.get("reason");
                callerPacketsSent = callerSent;
                callerPacketsReceived = callerReceived;
                callerPacketsLost = callerLost;
                callerJitterMillis = callerJitter;
                callerMos = callerScore;
                calleePacketsSent = calleeSent;
                calleePacketsReceived = calleeReceived;
                calleePacketsLost = calleeLost;
                calleeJitterMillis = calleeJitter;
                calleeMos = calleeScore;
            }
            default -> throw new IllegalArgumentException("not a call event: " + event.type());
        }
    }

    /** The event details a {@code call.Ended} carries for this outcome. */
    public static Map<String, String> details(CallOutcome outcome) {
        Map<String, String> d = new java.util.LinkedHashMap<>();
        d.put("disposition", outcome.disposition());
        d.put("hangupSide", outcome.hangupSide());
        d.put("finalCode", Integer.toString(outcome.finalCode()));
        outcome.codec().ifPresent(c -> d.put("codec", c));
        outcome.reason().ifPresent(r -> d.put("reason", r));
        outcome.caller().ifPresent(q -> putQuality(d, "caller", q));
        outcome.callee().ifPresent(q -> putQuality(d, "callee", q));
        return d;
    }

    private static void putQuality(Map<String, String> d, String leg, LegQuality q) {
        d.put(leg + "PacketsSent", Long.toString(q.packetsSent()));
        d.put(leg + "PacketsReceived", Long.toString(q.packetsReceived()));
        d.put(leg + "PacketsLost", Long.toString(q.packetsLost()));
        d.put(leg + "JitterMs", Double.toString(q.jitterMillis()));
        d.put(leg + "Mos", Double.toString(q.mos()));
    }

    private static Integer intOrNull(String s) {
        return s == null ? null : Integer.valueOf(s);
    }

    private static Long longOrNull(String s) {
        return s == null ? null : Long.valueOf(s);
    }

    private static Double doubleOrNull(String s) {
        return s == null ? null : Double.valueOf(s);
    }

    public TenantId tenant() {
        return new TenantId(tenantId);
    }

    public String call() {
        return call;
    }

    public String caller() {
        return caller;
    }

    public String callee() {
        return callee;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Optional<Instant> ringingAt() {
        return Optional.ofNullable(ringingAt);
    }

    public Optional<Instant> answeredAt() {
        return Optional.ofNullable(answeredAt);
    }

    public Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    /** Answer to end; zero for an unanswered call. */
    public Duration talkTime() {
        return answeredAt == null || endedAt == null ? Duration.ZERO : Duration.between(answeredAt, endedAt);
    }

    public Optional<String> disposition() {
        return Optional.ofNullable(disposition);
    }

    public Optional<String> hangupSide() {
        return Optional.ofNullable(hangupSide);
    }

    public Optional<Integer> finalCode() {
        return Optional.ofNullable(finalCode);
    }

    public Optional<String> codec() {
        return Optional.ofNullable(codec);
    }

    /**
     * Why Parley ended the call, when it did rather than a party: a {@code MediaFailure} name such as
     * {@code CALLER_ANSWER_MISSING} (a delayed-offer caller's ACK had no answer; such a call is FAILED though its
     * caller got 200) or {@code ENDPOINT_LOST} (a phone stopped sending RTP; a call that talked stays ANSWERED).
     */
    public Optional<String> endReason() {
        return Optional.ofNullable(endReason);
    }

    public Optional<LegQuality> callerQuality() {
        return quality(callerPacketsSent, callerPacketsReceived, callerPacketsLost, callerJitterMillis, callerMos);
    }

    public Optional<LegQuality> calleeQuality() {
        return quality(calleePacketsSent, calleePacketsReceived, calleePacketsLost, calleeJitterMillis, calleeMos);
    }

    private static Optional<LegQuality> quality(Long sent, Long received, Long lost, Double jitter, Double mos) {
        if (sent == null || received == null || lost == null || jitter == null || mos == null) {
            return Optional.empty();
        }
        return Optional.of(new LegQuality(sent, received, lost, jitter, mos));
    }

    @Override
    public String toString() {
        return "CDR " + call + " " + caller + "→" + callee + " " + Objects.toString(disposition, "in progress");
    }
}
