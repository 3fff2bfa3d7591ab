package org.parley.cdr;

import java.time.Duration;
import java.time.Instant;
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
