package org.parley.event.internal;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

import org.parley.tenant.TenantId;

/**
 * The JMS properties every event on the events topic carries besides its JSON body (the event log sets them), so
 * that listeners can select by type and find the tenant without decoding the body.
 */
public final class EventMessages {

    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";
    public static final String TENANT_ID = "tenantId";

    private EventMessages() {
    }

    /** The tenant of an event on the topic; a message without one throws, so the container redelivers it. */
    public static TenantId tenantOf(Message message) {
        try {
            return new TenantId(message.getLongProperty(TENANT_ID));
        } catch (JMSException | NumberFormatException e) {
            throw new IllegalStateException("an event without a tenant; it will be redelivered", e);
        }
    }
}
