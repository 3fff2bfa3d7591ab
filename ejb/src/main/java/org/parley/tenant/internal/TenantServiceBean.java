package org.parley.tenant.internal;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.parley.access.Caller;
import org.parley.event.DomainEvent;
import org.parley.event.EventLog;
import org.parley.rule.DuplicateEntityException;
import org.parley.rule.RuleViolationException;
import org.parley.tenant.Tenant;
import org.parley.tenant.TenantId;
import org.parley.tenant.TenantRepository;
import org.parley.tenant.TenantService;
import org.parley.user.Role;
import org.parley.user.UserService;

@Stateless
public class TenantServiceBean implements TenantService {

    /** A host name or IPv4 literal, as it appears in a SIP URI's host part (RFC 3261 §25.1). */
    private static final Pattern SIP_DOMAIN = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

    @Inject
    private TenantRepository tenants;

    @EJB
    private UserService users;

    @EJB
    private EventLog events;

    @PersistenceContext(unitName = "parley")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Override
    public Tenant provision(String name, String sipDomain, ZoneId timeZone, String adminUsername,
            char[] adminPassword) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new RuleViolationException("name", "tenant name must be 1 to 100 characters");
        }
        if (sipDomain == null || !SIP_DOMAIN.matcher(sipDomain).matches()) {
            throw new RuleViolationException("sipDomain", "SIP domain must be a host name or IP address");
        }
        tenants.findByName(name).ifPresent(t -> {
            throw new DuplicateEntityException("name", "a tenant named '" + name + "' exists");
        });
        boolean domainTaken = !em.createQuery("SELECT t.id FROM Tenant t WHERE t.sipDomain = :d", Long.class)
                .setParameter("d", sipDomain).getResultList().isEmpty();
        if (domainTaken) {
            throw new DuplicateEntityException("sipDomain", "SIP domain " + sipDomain + " belongs to another tenant");
        }
        Tenant tenant = new Tenant(name.strip(), sipDomain, timeZone, clock.instant());
        tenants.store(tenant);
        events.append(DomainEvent.of(tenant.id(), clock.instant(), "TenantCreated", "tenant", tenant.id(),
                "operator", Map.of("name", tenant.name(), "sipDomain", tenant.sipDomain())));
        // The first admin is created as if by an admin of the new tenant, so the usual rules and events apply.
        users.create(new Caller(tenant.id(), "operator", Role.ADMIN), adminUsername, "Administrator", null,
                Role.ADMIN, OptionalLong.empty(), adminPassword);
        return tenant;
    }

    @Override
    public Optional<Tenant> find(TenantId id) {
        return tenants.find(id);
    }
}
