package org.parley.tenant.internal;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.parley.tenant.SipDomainLookup;
import org.parley.tenant.Tenant;
import org.parley.tenant.TenantId;
import org.parley.tenant.TenantRepository;

/**
 * Which tenant a SIP domain (digest realm) belongs to, for the SIP side's reports (call steps, registrations). A
 * database read on the first sight of a domain, from memory after: domains are unique and a tenant never changes its
 * own. Called from managed executor threads, never from SLEE event threads, for every step of every call: SUPPORTS,
 * as the default (REQUIRED) began and committed a JTA transaction around each memory read, 4 % of the server's CPU
 * in the SIP benchmark; a miss reads the database in the caller's transaction or, outside one, in its own query.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class SipDomains implements SipDomainLookup {

    @Inject
    private TenantRepository tenants;

    private final ConcurrentMap<String, TenantId> known = new ConcurrentHashMap<>();

    @Override
    public Optional<TenantId> tenantOf(String sipDomain) {
        TenantId cached = known.get(sipDomain);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<TenantId> found = tenants.findBySipDomain(sipDomain).map(Tenant::id);
        found.ifPresent(t -> known.put(sipDomain, t));
        return found;
    }
}
