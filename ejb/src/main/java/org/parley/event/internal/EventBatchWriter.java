package org.parley.event.internal;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.parley.event.DomainEvent;
import org.parley.event.EventLog;

/**
 * One batch of events handed over by a {@link org.parley.event.WriteBehindEventLog}, appended and published in a
 * transaction of its own.
 */
@Stateless
public class EventBatchWriter {

    @EJB
    private EventLog log;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void write(List<DomainEvent> batch) {
        log.appendAll(batch);
    }
}
