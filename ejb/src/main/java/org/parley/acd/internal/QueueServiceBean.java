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
import org.parley.acd.routing.queue.RoutingStrategy;
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
            Duration wrapUp) {
        caller.requireAdmin();
        Queue queue = new Queue(caller.tenant(), name, strategy, serviceLevel, wrapUp, clock.instant());
        requireFreeName(caller, queue.name(), Optional.empty());
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
            ServiceLevel serviceLevel, Duration wrapUp, boolean enabled) {
        caller.requireAdmin();
        Queue queue = queues.find(caller.tenant(), id).orElseThrow(() -> new UnknownEntityException("queue", id));
        if (queue.version() != expectedVersion) {
            throw new StaleVersionException("queue", id, expectedVersion, queue.version());
        }
        queue.rename(name);
        requireFreeName(caller, queue.name(), Optional.of(id));
        queue.reconfigure(strategy, serviceLevel, wrapUp);
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
        details.put("enabled", Boolean.toString(queue.isEnabled()));
        events.append(DomainEvent.of(caller.tenant(), clock.instant(), type, "queue", queue.id(), caller.name(),
                details));
    }
}
