package org.parley.acd.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.parley.access.Caller;
import org.parley.acd.Agent;
import org.parley.acd.AgentId;
import org.parley.acd.AgentRepository;
import org.parley.acd.Queue;
import org.parley.acd.QueueId;
import org.parley.acd.QueueRepository;
import org.parley.acd.QueueService;
import org.parley.acd.QueueSettings;
import org.parley.acd.routing.queue.RoutingStrategy;
import org.parley.rule.RuleViolationException;
import org.parley.acd.ServiceLevel;
import org.parley.event.DomainEvent;
import org.parley.event.EventLog;
import org.parley.rule.DuplicateEntityException;
import org.parley.rule.StaleVersionException;
import org.parley.rule.UnknownEntityException;

@Stateless
public class QueueServiceBean implements QueueService {

    @Inject
    private QueueRepository queues;

    @Inject
    private AgentRepository agents;

    @EJB
    private EventLog events;

    @Inject
    private Clock clock;

    @Override
    public Queue create(Caller caller, String name, RoutingStrategy strategy, ServiceLevel serviceLevel,
            Duration wrapUp, QueueSettings settings) {
        caller.requireAdmin();
        Queue queue = new Queue(caller.tenant(), name, strategy, serviceLevel, wrapUp, clock.instant());
        requireFreeName(caller, queue.name(), Optional.empty());
        requireOverflowQueue(caller, settings);
        queue.configure(settings);
        queues.store(queue);
        publish(caller, "QueueCreated", queue);
        return queue;
    }

    @Override
    public Queue find(Caller caller, QueueId id) {
        caller.requireSupervisorOrAdmin();
        return queues.find(caller.tenant(), id).orElseThrow(() -> new UnknownEntityException("queue", id));
    }

    @Override
    public List<Queue> list(Caller caller) {
        caller.requireSupervisorOrAdmin();
        return queues.list(caller.tenant());
    }

    @Override
    public Queue update(Caller caller, QueueId id, long expectedVersion, String name, RoutingStrategy strategy,
            ServiceLevel serviceLevel, Duration wrapUp, QueueSettings settings, boolean enabled) {
        caller.requireAdmin();
        Queue queue = queues.find(caller.tenant(), id).orElseThrow(() -> new UnknownEntityException("queue", id));
        if (queue.version() != expectedVersion) {
            throw new StaleVersionException("queue", id, expectedVersion, queue.version());
        }
        queue.rename(name);
        requireFreeName(caller, queue.name(), Optional.of(id));
        queue.reconfigure(strategy, serviceLevel, wrapUp);
        requireOverflowQueue(caller, settings);
        queue.configure(settings);
        if (enabled) {
            queue.enable();
        } else {
            queue.disable();
        }
        queues.store(queue);
        publish(caller, "QueueChanged", queue);
        return queue;
    }

    @Override
    public Queue disable(Caller caller, QueueId id) {
        caller.requireAdmin();
        Queue queue = queues.find(caller.tenant(), id).orElseThrow(() -> new UnknownEntityException("queue", id));
        if (queue.isEnabled()) {
            queue.disable();
            queues.store(queue);
            publish(caller, "QueueDisabled", queue);
        }
        return queue;
    }

    @Override
    public Queue addMember(Caller caller, QueueId id, AgentId agent) {
        caller.requireAdmin();
        Queue queue = queues.find(caller.tenant(), id).orElseThrow(() -> new UnknownEntityException("queue", id));
        Agent member = agents.find(caller.tenant(), agent).orElseThrow(() -> new UnknownEntityException("agent", agent));
        if (queue.addMember(agent)) {
            queues.store(queue);
            publishMembership(caller, "QueueMemberAdded", queue, member);
        }
        return queue;
    }

    @Override
    public Queue removeMember(Caller caller, QueueId id, AgentId agent) {
        caller.requireAdmin();
        Queue queue = queues.find(caller.tenant(), id).orElseThrow(() -> new UnknownEntityException("queue", id));
        Agent member = agents.find(caller.tenant(), agent).orElseThrow(() -> new UnknownEntityException("agent", agent));
        if (queue.removeMember(agent)) {
            queues.store(queue);
            publishMembership(caller, "QueueMemberRemoved", queue, member);
        }
        return queue;
    }

    private void publishMembership(Caller caller, String type, Queue queue, Agent member) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("name", queue.name());
        details.put("agent", Long.toString(member.id().value()));
        details.put("extension", member.extension());
        events.append(DomainEvent.of(caller.tenant(), clock.instant(), type, "queue", queue.id(), caller.name(),
                details));
    }

    /** A queue overflows only to another queue of the caller's tenant; one of another tenant is unknown here. */
    private void requireOverflowQueue(Caller caller, QueueSettings settings) {
        settings.overflowQueueId().ifPresent(target -> {
            if (queues.find(caller.tenant(), target).isEmpty()) {
                throw new RuleViolationException("overflowQueueId", "there is no queue " + target.value()
                        + " to overflow to");
            }
        });
    }

    private void requireFreeName(Caller caller, String name, Optional<QueueId> self) {
        queues.findByName(caller.tenant(), name)
                .filter(other -> self.map(s -> !other.id().equals(s)).orElse(true))
                .ifPresent(other -> {
                    throw new DuplicateEntityException("name", "a queue named '" + name + "' exists");
                });
    }

    private void publish(Caller caller, String type, Queue queue) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("name", queue.name());
        details.put("strategy", queue.strategy().name());
        details.put("serviceLevel", queue.serviceLevel().percent() + "% in "
                + queue.serviceLevel().threshold().toSeconds() + "s");
        details.put("wrapUpSeconds", Long.toString(queue.wrapUp().toSeconds()));
        QueueSettings settings = queue.settings();
        details.put("ringTimeoutSeconds", Integer.toString(settings.ringTimeoutSeconds()));
        details.put("missedOffersBeforePause", Integer.toString(settings.missedOffersBeforePause()));
        settings.maxWaitSeconds().ifPresent(v -> details.put("maxWaitSeconds", v.toString()));
        settings.maxSize().ifPresent(v -> details.put("maxSize", v.toString()));
        settings.overflowKind().ifPresent(k -> details.put("overflow", k.name()
                + settings.overflowQueueId().map(q -> " " + q.value()).orElse("")));
        if (!settings.relaxation().isEmpty()) {
            details.put("relaxation", settings.relaxation().toString());
        }
        settings.agingEverySeconds().ifPresent(v -> details.put("aging", "+" + settings.agingStep() + " every " + v
                + "s" + settings.agingCeiling().map(c -> " up to " + c).orElse("")));
        details.put("mixing", settings.chatsAllowedWithVoice() + " chat(s) with voice, chat during voice "
                + settings.chatWhileOnVoice());
        details.put("callbacks", settings.callbackAttempts() + " every " + settings.callbackRetrySeconds() + "s");
        if (settings.hasOpenHours()) {
            details.put("openHours", settings.openHours().toString());
            details.put("holidays", settings.holidays().toString());
        }
        details.put("enabled", Boolean.toString(queue.isEnabled()));
        events.append(DomainEvent.of(caller.tenant(), clock.instant(), type, "queue", queue.id(), caller.name(),
                details));
    }
}
