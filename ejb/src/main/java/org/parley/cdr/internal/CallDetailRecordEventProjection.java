package org.parley.cdr.internal;

import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.parley.cdr.CallDetailRecordProjection;
import org.parley.cdr.CallDetailRecordRepository;
import org.parley.event.DomainEvent;
import org.parley.event.EventProjection;

/**
 * Keeps the CDRs as a projection of the event log. A CDI bean, not an EJB: the event log finds its projections
 * through CDI, which gives WildFly no order to stop them in, and an EJB projection could stop during an undeploy while
 * the journal still flushes into it (every batch then fails and the events are lost). CDI beans live until the last
 * EJB of the deployment has stopped.
 */
@ApplicationScoped
public class CallDetailRecordEventProjection implements EventProjection {

    @Inject
    private CallDetailRecordRepository records;

    private CallDetailRecordProjection projection;

    @PostConstruct
    void start() {
        projection = new CallDetailRecordProjection(records);
    }

    /** Folds the batch's {@code call.*} events into their CDRs, in the transaction that appends them. */
    @Override
    public void apply(List<DomainEvent> batch) {
        projection.apply(batch);
    }
}
