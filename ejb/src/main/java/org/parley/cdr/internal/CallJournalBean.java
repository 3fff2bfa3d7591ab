package org.parley.cdr.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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

import org.parley.cdr.CallDetailRecord;
import org.parley.cdr.CallJournal;
import org.parley.cdr.CallOutcome;
import org.parley.event.DomainEvent;
import org.parley.event.EventJournal;
import org.parley.tenant.SipDomainLookup;
import org.parley.tenant.TenantId;
import org.parley.time.SerialExecutor;

/**
 * Turns call steps into {@code call.*} events on the write-behind journal. The caller is a SLEE event thread, so
 * nothing here blocks it: each step is queued, and one task at a time (keeping each call's steps in order) finds the
 * tenant of the SIP domain — a database read on a miss, cached after — and hands the event to the journal.
 */
@Singleton
@DependsOn("WriteBehindEventJournal")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CallJournalBean implements CallJournal {

    private static final Duration FINISH_ON_SHUTDOWN = Duration.ofSeconds(10);
    private static final System.Logger LOG = System.getLogger(CallJournalBean.class.getName());
    private static final String ACTOR = "sip";

    @Resource
    private ManagedExecutorService executor;

    @EJB
    private EventJournal journal;

    @EJB
    private SipDomainLookup domains;

    private SerialExecutor steps;

    @PostConstruct
    void start() {
        steps = new SerialExecutor(executor);
    }

    /** What was reported before the undeploy reaches the journal, which flushes after this bean has stopped. */
    @PreDestroy
    void stop() {
        steps.finish(FINISH_ON_SHUTDOWN, "call step(s)");
    }

    @Override
    public void started(String sipDomain, String call, String caller, String callee, Instant at) {
        step(sipDomain, call, CallDetailRecord.STARTED, at, Map.of("caller", caller, "callee", callee));
    }

    @Override
    public void ringing(String sipDomain, String call, Instant at) {
        step(sipDomain, call, CallDetailRecord.RINGING, at, Map.of());
    }

    @Override
    public void answered(String sipDomain, String call, Instant at) {
        step(sipDomain, call, CallDetailRecord.ANSWERED, at, Map.of());
    }

    @Override
    public void ended(String sipDomain, String call, Instant at, CallOutcome outcome) {
        step(sipDomain, call, CallDetailRecord.ENDED, at, CallDetailRecord.details(outcome));
    }

    private void step(String sipDomain, String call, String type, Instant at, Map<String, String> details) {
        UUID id = UUID.randomUUID();
        steps.execute(() -> {
            try {
                Optional<TenantId> tenant = domains.tenantOf(sipDomain);
                if (tenant.isEmpty()) {
                    LOG.log(System.Logger.Level.WARNING, "call " + call + ": no tenant has SIP domain " + sipDomain
                            + "; its " + type + " is not recorded");
                    return;
                }
                journal.append(new DomainEvent(id, tenant.get(), at, type, "call", call, ACTOR, details));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "call " + call + ": could not record " + type, e);
            }
        });
    }
}
