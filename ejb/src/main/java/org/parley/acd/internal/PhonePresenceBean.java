package org.parley.acd.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
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
import org.parley.event.EventHistory;
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

    private static final Duration FINISH_ON_SHUTDOWN = Duration.ofSeconds(10);
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

    @EJB
    private EventHistory history;

    private SerialExecutor reports;
    /** Last reachability told to the ACD, by tenant and extension. */
    private final ConcurrentMap<String, Boolean> told = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        reports = new SerialExecutor(executor);
    }

    /** What was reported before the undeploy reaches the journal, which flushes after this bean has stopped. */
    @PreDestroy
    void stop() {
        reports.finish(FINISH_ON_SHUTDOWN, "registration report(s)");
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
                    details.put("domain", sipDomain);
                    details.put("contact", change.contact());
                    details.put("expiresAt", change.expiresAt().toString());
                    details.put("callId", change.callId());
                    details.put("cseq", Long.toString(change.cseq()));
                    change.source().ifPresent(source -> details.put("source", source));
                    details.put("reachable", Boolean.toString(reachable));
                    journal.append(new DomainEvent(UUID.randomUUID(), tenant.get(), at,
                            TYPE_PREFIX + typeName(change.kind()), "phone", extension, "sip", details));
                }
                String key = tenant.get().value() + "/" + extension;
                if (!Boolean.valueOf(reachable).equals(told.get(key))) {
                    // remembered only once the ACD took it (a paused ACD refuses), so the next change tells it again
                    routing.phoneReachability(tenant.get(), extension, reachable);
                    told.put(key, reachable);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "could not report the registration of " + extension + "@"
                        + sipDomain, e);
            }
        });
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public List<KnownBinding> lastKnownBindings(Instant since, Instant now) {
        List<KnownBinding> live = new ArrayList<>();
        for (TenantId tenant : history.tenantsWithEvents(TYPE_PREFIX, since)) {
            live.addAll(fold(history.read(tenant, TYPE_PREFIX, since, now.plusMillis(1)), now));
        }
        return live;
    }

    /** The last event per contact decides: a registration or refresh not yet expired is live, anything else not. */
    static List<KnownBinding> fold(List<DomainEvent> events, Instant now) {
        Map<String, KnownBinding> byContact = new LinkedHashMap<>();
        for (DomainEvent e : events) {
            Map<String, String> d = e.details();
            if (d.get("domain") == null || d.get("contact") == null || d.get("expiresAt") == null) {
                continue;
            }
            String key = d.get("domain") + "|" + e.subjectId() + "|" + d.get("contact");
            boolean bound = e.type().equals(TYPE_PREFIX + "Registered") || e.type().equals(TYPE_PREFIX + "Refreshed");
            if (bound) {
                byContact.put(key, new KnownBinding(d.get("domain"), e.subjectId(), d.get("contact"),
                        Instant.parse(d.get("expiresAt")), d.getOrDefault("callId", ""),
                        Long.parseLong(d.getOrDefault("cseq", "0")), Optional.ofNullable(d.get("source"))));
            } else {
                byContact.remove(key);
            }
        }
        return byContact.values().stream().filter(b -> b.expiresAt().isAfter(now)).toList();
    }

    /** REGISTERED → Registered. */
    private static String typeName(String kind) {
        String lower = kind.toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
