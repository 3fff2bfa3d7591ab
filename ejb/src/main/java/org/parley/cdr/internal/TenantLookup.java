package org.parley.cdr.internal;

import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.parley.tenant.Tenant;
import org.parley.tenant.TenantRepository;

/** A transaction of its own for the journal's occasional tenant lookup (it runs on a managed executor thread). */
@Stateless
public class TenantLookup {

    @Inject
    private TenantRepository tenants;

    public Optional<Tenant> bySipDomain(String sipDomain) {
        return tenants.findBySipDomain(sipDomain);
    }
}
