package org.parley.access.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.parley.access.ApiKey;
import org.parley.access.ApiKeyId;
import org.parley.access.ApiKeys;
import org.parley.access.Caller;
import org.parley.acd.AgentBinding;
import org.parley.acd.AgentRepository;
import org.parley.event.DomainEvent;
import org.parley.event.EventLog;
import org.parley.rule.RuleViolationException;
import org.parley.rule.UnknownEntityException;
import org.parley.user.Role;

@Stateless
public class ApiKeysBean implements ApiKeys {

    @PersistenceContext(unitName = "parley")
    private EntityManager em;

    @EJB
    private EventLog events;

    @Inject
    private Clock clock;

    @Inject
    private AgentRepository agents;

    @Override
    public ApiKey.Issued issue(Caller caller, String name, Role role, OptionalLong agent) {
        caller.requireAdmin();
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new RuleViolationException("name", "key name must be 1 to 100 characters");
        }
        if (role == null) {
            throw new RuleViolationException("role", "a key needs a role");
        }
        AgentBinding.require(agents, caller.tenant(), role, agent, true, "an agent's key");
        ApiKey.Issued issued = ApiKey.issue(caller.tenant(), name.strip(), role, agent, caller.name(),
                clock.instant());
        em.persist(issued.key());
        em.flush();
        events.append(DomainEvent.of(caller.tenant(), clock.instant(), "ApiKeyIssued", "api-key", issued.key().id(),
                caller.name(), Map.of("name", issued.key().name(), "prefix", issued.key().prefix(),
                        "role", role.name(), "agent", agent.isPresent() ? Long.toString(agent.getAsLong()) : "")));
        return issued;
    }

    @Override
    public List<ApiKey> list(Caller caller) {
        caller.requireAdmin();
        return em.createQuery("SELECT k FROM ApiKey k WHERE k.tenantId = :t ORDER BY k.id", ApiKey.class)
                .setParameter("t", caller.tenant().value()).getResultList();
    }

    @Override
    public void revoke(Caller caller, ApiKeyId id) {
        caller.requireAdmin();
        ApiKey key = em.createQuery("SELECT k FROM ApiKey k WHERE k.tenantId = :t AND k.id = :id", ApiKey.class)
                .setParameter("t", caller.tenant().value()).setParameter("id", id.value())
                .getResultStream().findFirst().orElseThrow(() -> new UnknownEntityException("API key", id));
        if (key.isActive()) {
            key.revoke(clock.instant());
            events.append(DomainEvent.of(caller.tenant(), clock.instant(), "ApiKeyRevoked", "api-key", id,
                    caller.name(), Map.of("name", key.name(), "prefix", key.prefix())));
        }
    }

    @Override
    public Optional<Caller> authenticate(String secret) {
        if (secret == null || !secret.startsWith(ApiKey.PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        return em.createQuery("SELECT k FROM ApiKey k WHERE k.keyHash = :h AND k.revokedAt IS NULL", ApiKey.class)
                .setParameter("h", ApiKey.hash(secret)).getResultStream().findFirst().map(ApiKey::asCaller);
    }
}
