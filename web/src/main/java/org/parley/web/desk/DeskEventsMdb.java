package org.parley.web.desk;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

import org.parley.event.EventCodec;
import org.parley.event.internal.EventMessages;

/**
 * Feeds the desktops from the ACD's events. A plain (non-durable) subscription: a desktop that was not connected
 * reads the current state when it connects, so old events are of no use to it.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/topic/parley.events"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = EventMessages.EVENT_TYPE + " LIKE 'acd.%'") })
public class DeskEventsMdb implements MessageListener {

    private static final System.Logger LOG = System.getLogger(DeskEventsMdb.class.getName());

    @Inject
    private DeskChannel channel;

    @Override
    public void onMessage(Message message) {
        try {
            if (message instanceof TextMessage text) {
                channel.deliver(EventCodec.fromJson(text.getText()));
            }
        } catch (JMSException | IllegalArgumentException e) {
            // a push is best effort: redelivering it later would show the desktop a stale step
            LOG.log(System.Logger.Level.WARNING, "could not push an ACD event to the desktops", e);
        }
    }
}
