package org.parley.access;

import java.util.Objects;
import java.util.OptionalLong;

import org.parley.tenant.TenantId;
import org.parley.user.Role;

/**
 * The authenticated party behind a request: its tenant (which scopes everything it may see), a name for the audit
 * log, its role, and the agent it speaks for when it is an agent's login or an agent's key. Services take a Caller
 * rather than a bare tenant id so that no call can skip authorisation.
 *
 * @param agent the id of the agent this caller is (a user or key bound to that agent); empty for everyone else
 */
public record Caller(TenantId tenant, String name, Role role, OptionalLong agent) {

    public Caller {
        Objects.requireNonNull(tenant);
        Objects.requireNonNull(name);
        Objects.requireNonNull(role);
        Objects.requireNonNull(agent);
    }

    /** A caller that speaks for no agent (administrators, supervisors, integrations). */
    public Caller(TenantId tenant, String name, Role role) {
        this(tenant, name, role, OptionalLong.empty());
    }

    /** Admins administer; supervisors and agents read what their role shows them. */
    public void requireAdmin() {
        if (role != Role.ADMIN) {
            throw new NotPermittedException(name + " (" + role + ") may not change the tenant's configuration");
        }
    }

    public void requireSupervisorOrAdmin() {
        if (!isSupervisorOrAdmin()) {
            throw new NotPermittedException(name + " (" + role + ") may not read the tenant's configuration");
        }
    }

    public boolean isSupervisorOrAdmin() {
        return role == Role.ADMIN || role == Role.SUPERVISOR;
    }

    /** Whether this caller is the agent with that id (a supervisor who also takes calls can be both). */
    public boolean isAgent(long agentId) {
        return agent.isPresent() && agent.getAsLong() == agentId;
    }
}
