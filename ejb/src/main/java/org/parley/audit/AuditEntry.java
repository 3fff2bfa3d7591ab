package org.parley.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.parley.event.DomainEvent;
import org.parley.event.EventCodec;
import org.parley.tenant.TenantId;

/** One line of the audit trail, made from one event (the event id is unique here too). */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_id", nullable = false, length = 36, updatable = false)
    private String eventId;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private long tenantId;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    @Column(nullable = false, length = 100, updatable = false)
    private String actor;

    @Column(nullable = false, length = 64, updatable = false)
    private String action;

    @Column(nullable = false, length = 100, updatable = false)
    private String subject;

    @Column(nullable = false, updatable = false, columnDefinition = "TEXT")
    private String detail;

    protected AuditEntry() {
    }

    public static AuditEntry of(DomainEvent event, Instant recordedAt) {
        AuditEntry a = new AuditEntry();
        a.eventId = event.id().toString();
        a.tenantId = event.tenant().value();
        a.occurredAt = event.occurredAt();
        a.recordedAt = recordedAt;
        a.actor = event.actor();
        a.action = event.type();
        a.subject = event.subjectType() + "/" + event.subjectId();
        a.detail = EventCodec.detailsToJson(event.details());
        return a;
    }

    public UUID eventId() {
        return UUID.fromString(eventId);
    }

    public TenantId tenant() {
        return new TenantId(tenantId);
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    /** {@code type/id}, e.g. {@code agent/12}. */
    public String subject() {
        return subject;
    }

    public String detail() {
        return detail;
    }
}
