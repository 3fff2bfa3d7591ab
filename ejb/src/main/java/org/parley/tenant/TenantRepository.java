package org.parley.tenant;

import java.util.Optional;

/** Where tenants are kept. */
public interface TenantRepository {

    Optional<Tenant> find(TenantId id);

    Optional<Tenant> findByName(String name);

    /** The tenant whose SIP domain (digest realm) this is; domains are unique across tenants. */
    Optional<Tenant> findBySipDomain(String sipDomain);

    long count();

    void store(Tenant tenant);
}
