package org.parley.audit.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.parley.access.Caller;
import org.parley.audit.AuditEntry;
import org.parley.audit.AuditTrail;
import org.parley.event.DomainEvent;

@Stateless
public class AuditTrailBean implements AuditTrail {

    @PersistenceContext(unitName = "parley")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Override
    public boolean record(DomainEvent event) {
        boolean seen = !em.createQuery("SELECT 1 FROM AuditEntry a WHERE a.eventId = :id", Integer.class)
                .setParameter("id", event.id().toString()).setMaxResults(1).getResultList().isEmpty();
        if (seen) {
            return false;
        }
        // Two deliveries racing past the check both insert; the unique key on event_id fails one of them, its
        // transaction rolls back, and its redelivery then finds the row and stops here.
        em.persist(AuditEntry.of(event, clock.instant()));
        return true;
    }

    @Override
    public List<AuditEntry> recent(Caller caller, Optional<String> subject, int limit) {
        caller.requireSupervisorOrAdmin();
        String jpql = "SELECT a FROM AuditEntry a WHERE a.tenantId = :tenant"
                + (subject.isPresent() ? " AND a.subject = :subject" : "") + " ORDER BY a.id DESC";
        TypedQuery<AuditEntry> q = em.createQuery(jpql, AuditEntry.class)
                .setParameter("tenant", caller.tenant().value());
        subject.ifPresent(s -> q.setParameter("subject", s));
        return q.setMaxResults(Math.max(1, Math.min(limit, 1000))).getResultList();
    }
}
