package org.parley.slee.internal;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import org.parley.event.internal.EventMessages;
import org.parley.tenant.Tenant;
import org.parley.tenant.TenantRepository;

/**
 * Makes the SIP side read a tenant's credentials again when an administrator creates, changes or disables one of its
 * agents, so a new password, a moved extension or a disabled agent takes effect as soon as the change is committed,
 * not when the cached credentials expire. A plain (non-durable) subscription is enough: the cache starts empty when
 * the SLEE starts, so only changes made while it runs matter. A failure throws and Artemis redelivers.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/topic/parley.events"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "messageSelector",
                propertyValue = EventMessages.EVENT_TYPE + " IN ('AgentCreated', 'AgentChanged', 'AgentDisabled')") })
public class SipCredentialsMdb implements MessageListener {

    @EJB
    private SleeContainer container;

    @Inject
    private TenantRepository tenants;

    @Override
    public void onMessage(Message message) {
        tenants.find(EventMessages.tenantOf(message)).map(Tenant::sipDomain).ifPresent(container::agentsChanged);
    }
}
