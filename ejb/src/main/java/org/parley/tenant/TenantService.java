package org.parley.tenant;

import java.time.ZoneId;
import java.util.Optional;

/** Provisioning tenants: an operator's task (not a tenant admin's), so it takes no tenant-scoped caller. */
public interface TenantService {

    /**
     * A new tenant with its first administrator.
     *
     * @param sipDomain the tenant's SIP domain, which is also its digest realm; unique across tenants
     */
    Tenant provision(String name, String sipDomain, ZoneId timeZone, String adminUsername, char[] adminPassword);

    Optional<Tenant> find(TenantId id);
}
