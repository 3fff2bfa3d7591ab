package org.parley.acd.internal;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import org.parley.acd.RoutingService;
import org.parley.event.internal.EventMessages;

/**
 * Tells the running routing engines when the admin changes agents, queues, queue members or pause reasons. A plain (non-durable)
 * subscription is enough: an engine that starts reads the whole configuration, so only changes made while it runs
 * matter. A failure throws and Artemis redelivers.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/topic/parley.events"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = EventMessages.EVENT_TYPE
                + " IN ('AgentCreated', 'AgentChanged', 'AgentDisabled', 'QueueCreated', 'QueueChanged',"
                + " 'QueueDisabled', 'QueueMemberAdded', 'QueueMemberRemoved', 'PauseReasonsChanged')") })
public class AcdConfigurationMdb implements MessageListener {

    @EJB
    private RoutingService routing;

    @Override
    public void onMessage(Message message) {
        routing.configurationChanged(EventMessages.tenantOf(message));
    }
}
