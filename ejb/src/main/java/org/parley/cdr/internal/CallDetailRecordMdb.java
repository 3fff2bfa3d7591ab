package org.parley.cdr.internal;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

import org.parley.event.EventCodec;

/**
 * Projects the {@code call.*} events into CDRs on a durable shared subscription (nothing is lost over a redeploy).
 * One session, so one call's steps are applied in the order they were published. A failure throws, the transaction
 * rolls back and Artemis redelivers, then dead-letters.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/topic/parley.events"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
        @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "parley-cdr"),
        @ActivationConfigProperty(propertyName = "shareSubscriptions", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "clientId", propertyValue = "parley"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = "eventType LIKE 'call.%'") })
public class CallDetailRecordMdb implements MessageListener {

    @EJB
    private CallDetailRecordsBean records;

    @Override
    public void onMessage(Message message) {
        if (!(message instanceof TextMessage text)) {
            throw new IllegalStateException("a call event that is not text: " + message);
        }
        try {
            records.apply(EventCodec.fromJson(text.getText()));
        } catch (JMSException e) {
            throw new IllegalStateException("could not read a call event; it will be redelivered", e);
        }
    }
}
