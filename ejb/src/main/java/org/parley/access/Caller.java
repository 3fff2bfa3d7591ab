package org.parley.access;

import java.util.Objects;

import org.parley.tenant.TenantId;
import org.parley.user.Role;

/**
 * The authenticated party behind a request: its tenant (which scopes everything it may see), a name for the audit
 * log, and its role. Services take a Caller rather than a bare tenant id so that no call can skip authorisation.
 */
public record Caller(TenantId tenant, String name, Role role) {

    public Caller {
        Objects.requireNonNull(tenant);
        Objects.requireNonNull(name);
        Objects.requireNonNull(role);
    }

    /** Admins administer; supervisors and agents read what their role shows them. */
    public void requireAdmin() {
        if (role != Role.ADMIN) {
            throw new NotPermittedException(name + " (" + role + ") may not change the tenant's configuration");
        }
    }

    public void requireSupervisorOrAdmin() {
        if (role == Role.AGENT) {
            throw new NotPermittedException(name + " (" + role + ") may not read the tenant's configuration");
        }
    }
}
