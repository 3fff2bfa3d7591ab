package org.parley.event.internal;

import java.util.List;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.parley.event.DomainEvent;
import org.parley.event.EventLog;

/**
 * One batch of events handed over by a {@link org.parley.event.WriteBehindEventLog}, appended and published in a
 * transaction of its own. A singleton rather than a pooled bean so that {@code @DependsOn} can keep it, and the log
 * it writes to, up until the journal has flushed on undeploy; it holds no state, so calls run concurrently.
 */
@Singleton
@DependsOn("JmsEventLog")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class EventBatchWriter {

    @EJB
    private EventLog log;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void write(List<DomainEvent> batch) {
        log.appendAll(batch);
    }
}
