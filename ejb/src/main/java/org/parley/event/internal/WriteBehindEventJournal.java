package org.parley.event.internal;

import java.time.Clock;
import java.time.Duration;

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
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.parley.event.DomainEvent;
import org.parley.event.EventJournal;
import org.parley.event.WriteBehindEventLog;
import org.parley.time.ExecutorScheduler;

/**
 * The application's one write-behind queue to the event log, on WildFly's managed executors. Beans that append here
 * declare {@code @DependsOn("WriteBehindEventJournal")} so that on undeploy it flushes after they have stopped; it
 * depends on its writer in turn, so that the writer is still there while it flushes (an {@code @EJB} reference alone
 * does not hold a bean up: WildFly stops the beans a deployment holds in parallel, unless {@code @DependsOn} orders
 * them).
 */
@Singleton
@DependsOn("EventBatchWriter")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WriteBehindEventJournal implements EventJournal {

    private static final System.Logger LOG = System.getLogger(WriteBehindEventJournal.class.getName());
    private static final Duration FLUSH_ON_SHUTDOWN = Duration.ofSeconds(10);

    @Resource
    private ManagedExecutorService executor;

    @Resource
    private ManagedScheduledExecutorService scheduledExecutor;

    @Inject
    private Clock clock;

    @EJB
    private EventBatchWriter writer;

    /** The most events held while the database is away; see {@link WriteBehindEventLog}. */
    @Inject
    @ConfigProperty(name = "parley.event-journal.max-pending", defaultValue = "100000")
    private int maxPending;

    private WriteBehindEventLog log;

    @PostConstruct
    void start() {
        log = new WriteBehindEventLog(batch -> writer.write(batch), executor,
                new ExecutorScheduler(scheduledExecutor, clock), clock, maxPending);
    }

    @PreDestroy
    void stop() {
        try {
            log.flush(FLUSH_ON_SHUTDOWN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // No retry of this deployment's log may outlive it (it would call a writer that is gone, forever).
            long lost = log.close();
            if (lost > 0) {
                LOG.log(System.Logger.Level.ERROR, lost + " event(s) could not be written to the event log before"
                        + " shutdown");
            }
        }
    }

    @Override
    public void append(DomainEvent event) {
        log.append(event);
    }

    @Override
    public long pending() {
        return log.pending();
    }

    @Override
    public boolean hasRoom() {
        return log.hasRoom();
    }

    @Override
    public Backlog backlog() {
        return log.backlog();
    }
}
