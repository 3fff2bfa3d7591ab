package org.parley.acd.internal;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.parley.acd.Queue;
import org.parley.acd.QueueId;
import org.parley.acd.QueueRepository;
import org.parley.tenant.TenantId;

@ApplicationScoped
public class JpaQueueRepository implements QueueRepository {

    @PersistenceContext(unitName = "parley")
    private EntityManager em;

    @Override
    public Optional<Queue> find(TenantId tenant, QueueId id) {
        return em.createQuery("SELECT q FROM Queue q WHERE q.tenantId = :t AND q.id = :id", Queue.class)
                .setParameter("t", tenant.value()).setParameter("id", id.value())
                .getResultStream().findFirst();
    }

    @Override
    public Optional<Queue> findByName(TenantId tenant, String name) {
        return em.createQuery("SELECT q FROM Queue q WHERE q.tenantId = :t AND q.name = :n", Queue.class)
                .setParameter("t", tenant.value()).setParameter("n", name)
                .getResultStream().findFirst();
    }

    @Override
    public List<Queue> list(TenantId tenant) {
        return em.createQuery("SELECT q FROM Queue q WHERE q.tenantId = :t ORDER BY q.name", Queue.class)
                .setParameter("t", tenant.value()).getResultList();
    }

    @Override
    public void store(Queue queue) {
        em.persist(queue);
        em.flush();
    }
}
