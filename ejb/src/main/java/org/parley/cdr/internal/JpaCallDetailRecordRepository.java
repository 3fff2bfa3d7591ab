package org.parley.cdr.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.parley.cdr.CallDetailRecord;
import org.parley.cdr.CallDetailRecordRepository;
import org.parley.tenant.TenantId;

@ApplicationScoped
public class JpaCallDetailRecordRepository implements CallDetailRecordRepository {

    @PersistenceContext(unitName = "parley")
    private EntityManager em;

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
    public void store(CallDetailRecord record) {
        em.persist(record);
        em.flush();
    }
}
