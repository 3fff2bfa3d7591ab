package org.parley.slee.internal;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.parley.health.HealthContributor;
import org.parley.health.PartHealth;
import org.parley.media.control.LoadReport;

/**
 * Media is up while the bundled media server runs; the detail gives its load (endpoints in use of capacity, share of
 * the 20 ms tick used, p99 tick lateness) so an operator sees a server near its limit before callers hear it.
 */
@ApplicationScoped
public class MediaHealth implements HealthContributor {

    private static final System.Logger LOG = System.getLogger(MediaHealth.class.getName());

    @EJB
    private SleeContainer container;

    @Override
    public String name() {
        return "media";
    }

    @Override
    public PartHealth check() {
        try {
            var load = container.mediaLoad();
            if (load.isEmpty()) {
                return PartHealth.down("media", container.mediaProblem());
            }
            return PartHealth.up("media", describe(load.get()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "media health check failed", e);
            return PartHealth.down("media", "media check failed: " + e.getClass().getSimpleName());
        }
    }

    static String describe(LoadReport load) {
        return String.format(java.util.Locale.ROOT, "%d of %d endpoints in use, %.0f %% of the tick used (CPU; %.0f %%"
                + " wall time), p99 tick lateness %d ms%s", load.endpointsInUse(), load.endpointCapacity(),
                100 * load.tickCpuUsed(), 100 * load.tickWallUsed(), load.tickLatenessP99().toMillis(),
                load.canAcceptCall() ? "" : "; refusing new calls");
    }
}
