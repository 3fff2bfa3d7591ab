package org.parley.acd.internal;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.parley.event.DomainEvent;
import org.parley.event.EventLog;

/** One batch of the router's events, appended and published in a transaction of its own. */
@Stateless
public class RoutingJournalWriter {

    @EJB
    private EventLog log;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void write(List<DomainEvent> batch) {
        log.appendAll(batch);
    }
}
