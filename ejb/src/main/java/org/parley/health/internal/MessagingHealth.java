package org.parley.health.internal;

import java.time.Duration;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;

import org.parley.health.HealthContributor;
import org.parley.health.PartHealth;

/** Messaging is up when the broker accepts a session. */
@ApplicationScoped
public class MessagingHealth implements HealthContributor {

    @Resource(lookup = "java:/ConnectionFactory")
    private ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/topic/parley.events")
    private Topic events;

    @Resource
    private ManagedExecutorService executor;

    private final BoundedCheck check = new BoundedCheck("messaging", Duration.ofSeconds(2));

    @Override
    public String name() {
        return "messaging";
    }

    @Override
    public PartHealth check() {
        return check.run(executor, () -> {
            try (JMSContext context = connectionFactory.createContext()) {
                // Creating the context opens a session on the broker: if that works, the broker is there.
                return PartHealth.up("messaging", context.getMetaData().getJMSProviderName() + " "
                        + context.getMetaData().getProviderVersion() + ", topic " + events.getTopicName());
            }
        });
    }
}
