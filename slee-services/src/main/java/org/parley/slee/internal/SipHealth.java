package org.parley.slee.internal;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.parley.health.HealthContributor;
import org.parley.health.PartHealth;

/** SIP is up while its listener answers an OPTIONS over UDP and accepts TCP on the configured address and port. */
@ApplicationScoped
public class SipHealth implements HealthContributor {

    private static final System.Logger LOG = System.getLogger(SipHealth.class.getName());

    @EJB
    private SleeContainer container;

    @Override
    public String name() {
        return "sip";
    }

    @Override
    public PartHealth check() {
        try {
            String problem = container.sipProblem();
            return problem == null ? PartHealth.up("sip", "listening on " + container.sipEndpoint())
                    : PartHealth.down("sip", problem);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "SIP health check failed", e);
            return PartHealth.down("sip", "SIP check failed: " + e.getClass().getSimpleName());
        }
    }
}
