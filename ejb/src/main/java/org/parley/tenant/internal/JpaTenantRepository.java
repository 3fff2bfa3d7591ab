package org.parley.tenant.internal;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.parley.tenant.Tenant;
import org.parley.tenant.TenantId;
import org.parley.tenant.TenantRepository;

@ApplicationScoped
public class JpaTenantRepository implements TenantRepository {

    @PersistenceContext(unitName = "parley")
    private EntityManager em;

    @Override
    public Optional<Tenant> find(TenantId id) {
        return Optional.ofNullable(em.find(Tenant.class, id.value()));
    }

    @Override
    public Optional<Tenant> findByName(String name) {
        return em.createQuery("SELECT t FROM Tenant t WHERE t.name = :n", Tenant.class).setParameter("n", name)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<Tenant> findBySipDomain(String sipDomain) {
        return em.createQuery("SELECT t FROM Tenant t WHERE t.sipDomain = :d", Tenant.class)
                .setParameter("d", sipDomain).getResultStream().findFirst();
    }

    @Override
    public long count() {
        return em.createQuery("SELECT COUNT(t) FROM Tenant t", Long.class).getSingleResult();
    }

    @Override
    public void store(Tenant tenant) {
        em.persist(tenant);
        em.flush();
    }
}
