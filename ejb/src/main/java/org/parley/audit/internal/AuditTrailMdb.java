package org.parley.audit.internal;

import java.util.logging.Logger;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

import org.parley.audit.AuditTrail;
import org.parley.event.EventCodec;
import org.parley.event.internal.EventMessages;

/**
 * Feeds the audit trail from the events topic on a durable shared subscription, so events published while the
 * application is being redeployed are delivered when it is back. A failure throws, the container rolls the
 * transaction back, and Artemis redelivers (then dead-letters, per the address settings in wildfly-config).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/topic/parley.events"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
        @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "parley-audit-trail"),
        @ActivationConfigProperty(propertyName = "shareSubscriptions", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "clientId", propertyValue = "parley"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4"),
        // The high-volume streams (ACD decisions, call steps, phone registrations) are for reports, CDRs and
        // wallboards; the audit trail is for people: who changed the configuration. A message without the property
        // (NOT LIKE on NULL is unknown, which a selector treats as false) is still read and judged by its body.
        @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = EventMessages.EVENT_TYPE
                + " IS NULL OR (" + EventMessages.EVENT_TYPE + " NOT LIKE 'acd.%' AND " + EventMessages.EVENT_TYPE
                + " NOT LIKE 'call.%' AND " + EventMessages.EVENT_TYPE + " NOT LIKE 'sip.%')") })
public class AuditTrailMdb implements MessageListener {

    private static final Logger LOG = Logger.getLogger(AuditTrailMdb.class.getName());

    @EJB
    private AuditTrail trail;

    @Override
    public void onMessage(Message message) {
        if (!(message instanceof TextMessage text)) {
            LOG.warning(() -> "ignoring a non-text message on the events topic: " + message);
            return;
        }
        String body;
        try {
            body = text.getText();
        } catch (JMSException e) {
            throw new IllegalStateException("could not read an event message; it will be redelivered", e);
        }
        boolean recorded = trail.record(EventCodec.fromJson(body));
        if (!recorded) {
            LOG.fine(() -> "event already in the audit trail, redelivery ignored");
        }
    }
}
