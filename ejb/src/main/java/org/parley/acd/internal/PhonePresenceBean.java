package org.parley.acd.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;

import org.parley.acd.PhonePresence;
import org.parley.acd.RoutingService;
import org.parley.event.DomainEvent;
import org.parley.event.EventJournal;
import org.parley.tenant.SipDomainLookup;
import org.parley.tenant.TenantId;
import org.parley.time.SerialExecutor;

/**
 * Registration changes → {@code sip.*} events on the write-behind journal, and reachability flips → the ACD. The
 * caller is a SLEE thread, so each report is queued and handled one at a time (in order) on a managed thread. Only
 * a flip reaches the ACD: phones refresh every minute or so, and that is not news to the router.
 */
@Singleton
@DependsOn("WriteBehindEventJournal")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PhonePresenceBean implements PhonePresence {

    private static final System.Logger LOG = System.getLogger(PhonePresenceBean.class.getName());
    static final String TYPE_PREFIX = "sip.";

    @Resource
    private ManagedExecutorService executor;

    @EJB
    private EventJournal journal;

    @EJB
    private SipDomainLookup domains;

    @EJB
    private RoutingService routing;

    private SerialExecutor reports;
    /** Last reachability told to the ACD, by tenant and extension. */
    private final ConcurrentMap<String, Boolean> told = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        reports = new SerialExecutor(executor);
    }

    @Override
    public void changed(String sipDomain, String extension, List<ContactChange> changes, boolean reachable,
            Instant at) {
        List<ContactChange> copy = List.copyOf(changes);
        reports.execute(() -> {
            try {
                Optional<TenantId> tenant = domains.tenantOf(sipDomain);
                if (tenant.isEmpty()) {
                    return;
                }
                for (ContactChange change : copy) {
                    Map<String, String> details = new LinkedHashMap<>();
                    details.put("contact", change.contact());
                    details.put("expiresAt", change.expiresAt().toString());
                    details.put("reachable", Boolean.toString(reachable));
                    journal.append(new DomainEvent(UUID.randomUUID(), tenant.get(), at,
                            TYPE_PREFIX + typeName(change.kind()), "phone", extension, "sip", details));
                }
                String key = tenant.get().value() + "/" + extension;
                if (!Boolean.valueOf(reachable).equals(told.put(key, reachable))) {
                    routing.phoneReachability(tenant.get(), extension, reachable);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "could not report the registration of " + extension + "@"
                        + sipDomain, e);
            }
        });
    }

    /** REGISTERED → Registered. */
    private static String typeName(String kind) {
        String lower = kind.toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
