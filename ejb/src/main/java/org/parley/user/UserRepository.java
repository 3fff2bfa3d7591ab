package org.parley.user;

import java.util.List;
import java.util.Optional;

import org.parley.tenant.TenantId;

/** Where users are kept; every finder but the login-name one is scoped by tenant. */
public interface UserRepository {

    Optional<User> find(TenantId tenant, UserId id);

    /** Login names are unique across tenants, so this finder is not scoped. */
    Optional<User> findByUsername(String username);

    /** The user bound to that agent, if any. */
    Optional<User> findByAgent(TenantId tenant, long agentId);

    List<User> list(TenantId tenant);

    void store(User user);
}
