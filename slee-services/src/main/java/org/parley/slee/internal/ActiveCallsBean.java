package org.parley.slee.internal;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.parley.access.Caller;
import org.parley.cdr.ActiveCall;
import org.parley.cdr.ActiveCalls;
import org.parley.tenant.Tenant;
import org.parley.tenant.TenantRepository;

/** The calls the SLEE is carrying for the caller's tenant (its SIP domain), for the API. */
@Stateless
public class ActiveCallsBean implements ActiveCalls {

    @EJB
    private SleeContainer container;

    @Inject
    private TenantRepository tenants;

    @Override
    public List<ActiveCall> list(Caller caller) {
        caller.requireSupervisorOrAdmin();
        String domain = tenants.find(caller.tenant()).map(Tenant::sipDomain).orElseThrow();
        return container.activeCalls().inDomain(domain).stream()
                .map(e -> new ActiveCall(e.call(), e.caller(), e.callee(), e.state(), e.startedAt(), e.answeredAt()))
                .toList();
    }
}
