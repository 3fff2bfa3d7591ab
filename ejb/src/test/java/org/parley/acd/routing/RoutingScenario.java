package org.parley.acd.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.agent.AgentSession;
import org.parley.acd.routing.agent.AgentState;
import org.parley.acd.routing.agent.ChannelCapacity;
import org.parley.acd.routing.event.EventField;
import org.parley.acd.routing.event.RoutingEvent;
import org.parley.acd.routing.event.RoutingEventType;
import org.parley.acd.routing.interaction.Channel;
import org.parley.acd.routing.interaction.CustomerIdentity;
import org.parley.acd.routing.interaction.InteractionId;
import org.parley.acd.routing.offer.Offer;
import org.parley.acd.routing.queue.QueueId;
import org.parley.acd.routing.queue.QueuePolicy;
import org.parley.acd.routing.skill.RequiredSkill;
import org.parley.acd.routing.skill.SkillProfile;
import org.parley.time.ManualClock;
import org.parley.time.ManualScheduler;

/** A router on a manual clock with every event it emits kept for assertions; the tests' test-data builder. */
public final class RoutingScenario {

    public static final Instant START = Instant.parse("2026-11-23T09:00:00Z");

    public final ManualClock clock = new ManualClock(START);
    public final ManualScheduler scheduler = new ManualScheduler(clock);
    public final List<RoutingEvent> events = new ArrayList<>();
    public final Router router = new Router(clock, scheduler, events::add);
    private int customers;

    public QueueId queue(String name, UnaryOperator<QueuePolicy.Builder> settings) {
        QueueId id = QueueId.of(name);
        router.defineQueue(settings.apply(QueuePolicy.builder(id)).build());
        return id;
    }

    public QueueId queue(String name) {
        return queue(name, b -> b);
    }

    /** A logged-in, available agent in the given queues. */
    public AgentId agent(String name, SkillProfile skills, QueueId... queues) {
        AgentId id = AgentId.of(name);
        router.addAgent(id, skills, ChannelCapacity.standard());
        router.logIn(id);
        for (QueueId q : queues) {
            router.assign(id, q);
        }
        return id;
    }

    public AgentId agent(String name, QueueId... queues) {
        return agent(name, SkillProfile.none(), queues);
    }

    public InteractionId call(QueueId queue, RequiredSkill... skills) {
        return arrive(queue, Channel.VOICE, 0, skills);
    }

    public InteractionId arrive(QueueId queue, Channel channel, int priority, RequiredSkill... skills) {
        return router.enqueue(queue, channel, CustomerIdentity.of("+4930555" + (customers++)), priority,
                List.of(skills));
    }

    public void elapse(Duration span) {
        scheduler.elapse(span);
    }

    public void elapseSeconds(long seconds) {
        elapse(Duration.ofSeconds(seconds));
    }

    public Offer ringingAt(AgentId agent) {
        return router.ringingOfferAt(agent).orElseThrow(() -> new AssertionError("nothing rings at " + agent));
    }

    public boolean isRinging(AgentId agent) {
        return router.ringingOfferAt(agent).isPresent();
    }

    /** Answers whatever rings at the agent and returns the interaction. */
    public InteractionId answer(AgentId agent) {
        Offer offer = ringingAt(agent);
        router.accept(offer.id());
        return offer.interaction();
    }

    public AgentState state(AgentId agent) {
        return session(agent).state();
    }

    public AgentSession session(AgentId agent) {
        return router.agent(agent).orElseThrow();
    }

    public List<RoutingEvent> eventsOf(RoutingEventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    public List<String> fieldOf(RoutingEventType type, EventField field) {
        return eventsOf(type).stream().map(e -> e.get(field).orElse("")).toList();
    }
}
