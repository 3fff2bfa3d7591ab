package org.parley.user.internal;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.parley.tenant.TenantId;
import org.parley.user.User;
import org.parley.user.UserId;
import org.parley.user.UserRepository;

@ApplicationScoped
public class JpaUserRepository implements UserRepository {

    @PersistenceContext(unitName = "parley")
    private EntityManager em;

    @Override
    public Optional<User> find(TenantId tenant, UserId id) {
        return em.createQuery("SELECT u FROM User u WHERE u.tenantId = :t AND u.id = :id", User.class)
                .setParameter("t", tenant.value()).setParameter("id", id.value())
                .getResultStream().findFirst();
    }

    @Override
    public Optional<User> findByUsername(String username) {
        return em.createQuery("SELECT u FROM User u WHERE u.username = :n", User.class)
                .setParameter("n", username).getResultStream().findFirst();
    }

    @Override
    public Optional<User> findByAgent(TenantId tenant, long agentId) {
        return em.createQuery("SELECT u FROM User u WHERE u.tenantId = :t AND u.agentId = :a", User.class)
                .setParameter("t", tenant.value()).setParameter("a", agentId).getResultStream().findFirst();
    }

    @Override
    public List<User> list(TenantId tenant) {
        return em.createQuery("SELECT u FROM User u WHERE u.tenantId = :t ORDER BY u.username", User.class)
                .setParameter("t", tenant.value()).getResultList();
    }

    @Override
    public void store(User user) {
        em.persist(user);
        em.flush();
    }
}
