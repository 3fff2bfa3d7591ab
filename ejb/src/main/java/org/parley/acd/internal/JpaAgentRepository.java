package org.parley.acd.internal;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.parley.acd.Agent;
import org.parley.acd.AgentId;
import org.parley.acd.AgentRepository;
import org.parley.tenant.TenantId;

@ApplicationScoped
public class JpaAgentRepository implements AgentRepository {

    @PersistenceContext(unitName = "parley")
    private EntityManager em;

    @Override
    public Optional<Agent> find(TenantId tenant, AgentId id) {
        return em.createQuery("SELECT a FROM Agent a WHERE a.tenantId = :t AND a.id = :id", Agent.class)
                .setParameter("t", tenant.value()).setParameter("id", id.value())
                .getResultStream().findFirst();
    }

    @Override
    public Optional<Agent> findByExtension(TenantId tenant, String extension) {
        return em.createQuery("SELECT a FROM Agent a WHERE a.tenantId = :t AND a.extension = :e", Agent.class)
                .setParameter("t", tenant.value()).setParameter("e", extension)
                .getResultStream().findFirst();
    }

    @Override
    public List<Agent> list(TenantId tenant) {
        return em.createQuery("SELECT a FROM Agent a WHERE a.tenantId = :t ORDER BY a.extension", Agent.class)
                .setParameter("t", tenant.value()).getResultList();
    }

    @Override
    public void store(Agent agent) {
        em.persist(agent);
        em.flush();
    }
}
