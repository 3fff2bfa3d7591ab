package org.parley.cdr.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
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

    /**
     * Flush mode COMMIT: the projection calls this once per batch with the records of earlier batches' calls still
     * managed; an automatic flush would dirty-check all of them first, on every call.
     */
    @Override
    public Map<String, CallDetailRecord> findAll(TenantId tenant, Collection<String> calls) {
        if (calls.isEmpty()) {
            return Map.of();
        }
        // Not "tenantId = :t AND call IN :c": H2 plans that on uq_cdr_call (tenant_id, call_ref) and, using an IN
        // list on an index's first column only, reads every CDR of the tenant for each batch. call_ref leads
        // ix_cdr_call, and the tenant is checked here (call references are Parley's UUIDs, so another tenant's
        // row with the same one is only conceivable, and it is left out).
        return em.createQuery("SELECT c FROM CallDetailRecord c WHERE c.call IN :c", CallDetailRecord.class)
                .setParameter("c", calls).setFlushMode(FlushModeType.COMMIT)
                .getResultStream().filter(r -> r.tenant().equals(tenant))
                .collect(Collectors.toMap(CallDetailRecord::call, r -> r));
    }

    @Override
    public void store(CallDetailRecord record) {
        em.persist(record);
    }
}
