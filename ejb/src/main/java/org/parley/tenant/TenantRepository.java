package org.parley.tenant;

import java.util.Optional;

/** Where tenants are kept. */
public interface TenantRepository {

    Optional<Tenant> find(TenantId id);

    Optional<Tenant> findByName(String name);

    long count();

    void store(Tenant tenant);
}
