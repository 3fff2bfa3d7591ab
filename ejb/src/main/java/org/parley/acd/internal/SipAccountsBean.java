package org.parley.acd.internal;

import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.parley.acd.Agent;
import org.parley.acd.SipAccount;
import org.parley.acd.SipAccounts;

@Stateless
public class SipAccountsBean implements SipAccounts {

    @PersistenceContext(unitName = "parley")
    private EntityManager em;

    @Override
    public Optional<SipAccount> find(String realm, String username) {
        return em.createQuery("SELECT a FROM Agent a, Tenant t WHERE a.tenantId = t.id AND t.sipDomain = :realm"
                + " AND a.extension = :username AND a.enabled = TRUE", Agent.class)
                .setParameter("realm", realm).setParameter("username", username)
                .getResultStream().findFirst()
                .filter(Agent::hasSipCredentials)
                .map(a -> new SipAccount(a.tenant(), a.id(), a.extension(), realm, a.sipCredentials()));
    }
}
