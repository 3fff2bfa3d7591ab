package org.parley.event.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.parley.event.DomainEvent;
import org.parley.event.EventCodec;
import org.parley.event.EventLog;
import org.parley.event.EventProjection;

/**
 * Writes the event row, applies the {@link EventProjection}s and publishes the message, all in the caller's JTA
 * transaction. {@code java:/JmsXA} is the XA-capable pooled factory, so the publish commits or rolls back with the
 * database work. A singleton (it holds no state of its own; the injected {@code JMSContext} is the transaction's) so
 * that {@code @DependsOn} keeps it up until the write-behind journal has flushed on undeploy.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class JmsEventLog implements EventLog {

    @Resource(lookup = "java:jboss/datasources/ParleyDS")
    private DataSource dataSource;

    @Inject
    @JMSConnectionFactory("java:/JmsXA")
    private JMSContext jms;

    @Resource(lookup = "java:/jms/topic/parley.events")
    private Topic events;

    /** Read models that commit with the log (CDRs); the others follow the topic. */
    @Inject
    @Any
    private Instance<EventProjection> available;

    /** Resolved once, at start: references taken from {@code Instance} on every append would pile up. */
    private List<EventProjection> projections;

    /** A singleton's start runs in the class's transaction attribute unless told otherwise, and MANDATORY fails. */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void resolveProjections() {
        projections = available.stream().toList();
    }

    @Override
    public void append(DomainEvent event) {
        appendAll(List.of(event));
    }

    @Override
    public void appendAll(List<DomainEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            EventRows.insert(c, batch);
        } catch (SQLException e) {
            throw new IllegalStateException("could not append " + batch.size() + " event(s) to the event log, first "
                    + batch.get(0).id(), e);
        }
        for (EventProjection projection : projections) {
            projection.apply(batch);
        }
        JMSProducer producer = jms.createProducer();
        for (DomainEvent event : batch) {
            TextMessage message = jms.createTextMessage(EventCodec.toJson(event));
            try {
                message.setStringProperty(EventMessages.EVENT_ID, event.id().toString());
                message.setStringProperty(EventMessages.EVENT_TYPE, event.type());
                message.setLongProperty(EventMessages.TENANT_ID, event.tenant().value());
            } catch (JMSException e) {
                throw new IllegalStateException("could not label event " + event.id(), e);
            }
            producer.send(events, message);
        }
    }
}
