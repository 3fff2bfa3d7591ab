package org.parley.acd;

import java.util.List;
import java.util.Optional;

import org.parley.tenant.TenantId;

/** Where agents are kept; every finder is scoped by tenant. */
public interface AgentRepository {

    Optional<Agent> find(TenantId tenant, AgentId id);

    Optional<Agent> findByExtension(TenantId tenant, String extension);

    List<Agent> list(TenantId tenant);

    void store(Agent agent);
}
