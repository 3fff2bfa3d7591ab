package org.parley.acd.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.agent.AgentSession;
import org.parley.acd.routing.agent.AgentState;
import org.parley.acd.routing.agent.Contact;
import org.parley.acd.routing.agent.PauseReason;
import org.parley.acd.routing.event.EventField;
import org.parley.acd.routing.event.RoutingEventType;
import org.parley.acd.routing.interaction.Channel;
import org.parley.acd.routing.interaction.CustomerIdentity;
import org.parley.acd.routing.interaction.Interaction;
import org.parley.acd.routing.interaction.InteractionId;
import org.parley.acd.routing.interaction.InteractionStatus;
import org.parley.acd.routing.kpi.Intervals;
import org.parley.acd.routing.kpi.QueueIntervalReport;
import org.parley.acd.routing.kpi.QueueKpiProjection;
import org.parley.acd.routing.offer.Offer;
import org.parley.acd.routing.offer.OfferOutcome;
import org.parley.acd.routing.queue.OverflowTarget;
import org.parley.acd.routing.queue.PriorityAging;
import org.parley.acd.routing.queue.QueueId;
import org.parley.acd.routing.queue.RoutingStrategy;
import org.parley.acd.routing.skill.RelaxationStep;
import org.parley.acd.routing.skill.RequiredSkill;
import org.parley.acd.routing.skill.SkillProfile;
import org.parley.acd.routing.skill.SkillRelaxation;

/**
 * A random but reproducible ninety minutes of a small contact center (seeded), checking after every step that no agent
 * is double-booked, no capacity is exceeded and the reconciler finds nothing to repair; then the day is drained and
 * every interaction must have ended, with the report agreeing with the router's own counts. Not a benchmark.
 */
class RouterSimulationTest {

    private static final List<String> SKILLS = List.of("billing", "tech", "spanish");

    private RoutingScenario s;
    private Random random;
    private final List<InteractionId> created = new ArrayList<>();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42})
    void invariantsHoldAfterEveryStepAndEveryInteractionEnds(long seed) {
        s = new RoutingScenario();
        random = new Random(seed);
        QueueId overflow = s.queue("overflow", b -> b.strategy(RoutingStrategy.RING_ALL)
                .maxWait(Duration.ofMinutes(3)).overflowTo(OverflowTarget.voicemail()));
        List<QueueId> queues = List.of(
                s.queue("sales", b -> b.strategy(RoutingStrategy.LONGEST_IDLE).maxWait(Duration.ofMinutes(4))
                        .overflowTo(OverflowTarget.toQueue(overflow))),
                s.queue("support", b -> b.strategy(RoutingStrategy.SKILLS_WEIGHTED).maxSize(15)
                        .overflowTo(OverflowTarget.callback())
                        .relaxation(SkillRelaxation.of(new RelaxationStep(Duration.ofSeconds(45), 2)))),
                s.queue("vip", b -> b.strategy(RoutingStrategy.ROUND_ROBIN)
                        .aging(new PriorityAging(Duration.ofSeconds(30), 1, 9))),
                s.queue("chat", b -> b.strategy(RoutingStrategy.FEWEST_INTERACTIONS_TODAY)),
                overflow);
        List<AgentId> agents = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            SkillProfile skills = SkillProfile.none();
            for (String skill : SKILLS) {
                if (random.nextInt(3) > 0) {
                    skills = skills.with(skill, 1 + random.nextInt(10));
                }
            }
            List<QueueId> memberOf = queues.stream().filter(q -> random.nextInt(2) == 0).toList();
            agents.add(s.agent("a" + i, skills, memberOf.toArray(QueueId[]::new)));
        }

        for (int step = 0; step < 600; step++) {
            s.elapse(Duration.ofSeconds(1 + random.nextInt(8)));
            if (random.nextInt(10) < 6) {
                arrive(queues);
            }
            agentsAct(agents);
            customersAct();
            assertInvariants();
        }
        drain(agents);

        for (InteractionId id : created) {
            Interaction i = s.router.interaction(id).orElseThrow();
            assertTrue(i.status().isFinal(), () -> i + " never ended");
        }
        assertReportAgreesWithTheRouter();
        for (RoutingEventType exercised : List.of(RoutingEventType.OFFER_TIMED_OUT, RoutingEventType.OFFER_DECLINED,
                RoutingEventType.INTERACTION_OVERFLOWED, RoutingEventType.PLACE_CALLBACK,
                RoutingEventType.INTERACTION_ABANDONED, RoutingEventType.WRAP_UP_ENDED)) {
            assertTrue(s.eventsOf(exercised).size() > 0, "the simulation never produced " + exercised);
        }
        assertTrue(s.eventsOf(RoutingEventType.INTERACTION_COMPLETED).size() > 200);
    }

    private void arrive(List<QueueId> queues) {
        QueueId queue = queues.get(random.nextInt(queues.size() - 1));
        Channel channel = queue.value().equals("chat") ? Channel.CHAT : Channel.VOICE;
        List<RequiredSkill> needs = random.nextBoolean() ? List.of()
                : List.of(RequiredSkill.of(SKILLS.get(random.nextInt(SKILLS.size())), 1 + random.nextInt(6)));
        created.add(s.router.enqueue(queue, channel, CustomerIdentity.of("c" + created.size()),
                random.nextInt(3), needs));
    }

    private void agentsAct(List<AgentId> agents) {
        for (AgentId agent : agents) {
            AgentSession session = s.session(agent);
            s.router.ringingOfferAt(agent).ifPresent(offer -> {
                int choice = random.nextInt(10);
                if (choice < 6) {
                    s.router.accept(offer.id());
                } else if (choice == 6) {
                    s.router.decline(offer.id());
                }
            });
            int roll = random.nextInt(1000);
            if (roll < 10 && (session.state() == AgentState.AVAILABLE || session.state() == AgentState.WRAP_UP)) {
                s.router.pause(agent, PauseReason.of("break"));
            } else if (roll < 150 && session.state() == AgentState.PAUSED) {
                s.router.goReady(agent);
            } else if (roll == 150) {
                if (session.isReachable()) {
                    s.router.agentUnreachable(agent, Contact.PHONE);
                } else {
                    s.router.agentReachable(agent, Contact.PHONE);
                }
            } else if (roll > 990 && session.state() == AgentState.PAUSED) {
                s.router.logOut(agent);
            } else if (roll > 980 && session.state() == AgentState.LOGGED_OUT) {
                s.router.logIn(agent);
            }
        }
    }

    private void customersAct() {
        for (Interaction i : List.copyOf(s.router.liveInteractions())) {
            int roll = random.nextInt(1000);
            switch (i.status()) {
                case CONNECTED -> {
                    if (i.channel() == Channel.CALLBACK && roll < 10) {
                        s.router.callbackNotAnswered(i.id());
                    } else if (roll < 40) {
                        s.router.complete(i.id());
                    }
                }
                case WAITING, OFFERED -> {
                    if (roll < 8) {
                        s.router.customerLeft(i.id());
                    } else if (roll < 12 && i.channel() == Channel.VOICE) {
                        created.add(s.router.requestCallback(i.id(), CustomerIdentity.of("cb" + created.size())));
                    }
                }
                default -> {
                }
            }
        }
    }

    private void drain(List<AgentId> agents) {
        for (AgentId agent : agents) {
            AgentSession session = s.session(agent);
            if (!session.isReachable()) {
                s.router.agentReachable(agent, Contact.PHONE);
            }
            if (session.state() == AgentState.LOGGED_OUT) {
                s.router.logIn(agent);
            }
            if (session.state() == AgentState.PAUSED) {
                s.router.goReady(agent);
            }
        }
        for (int round = 0; round < 400 && !s.router.liveInteractions().isEmpty(); round++) {
            for (AgentId agent : agents) {
                s.router.ringingOfferAt(agent).ifPresent(offer -> s.router.accept(offer.id()));
                if (s.session(agent).state() == AgentState.PAUSED) {
                    s.router.goReady(agent);
                }
            }
            for (Interaction i : List.copyOf(s.router.liveInteractions())) {
                if (i.status() == InteractionStatus.CONNECTED) {
                    s.router.complete(i.id());
                } else if (i.status() == InteractionStatus.WAITING && round > 200) {
                    // nobody in the queue has the skills even after relaxation: the customer gives up
                    s.router.customerLeft(i.id());
                }
            }
            s.elapse(Duration.ofSeconds(20));
            assertInvariants();
        }
    }

    private void assertInvariants() {
        Set<InteractionId> connected = new HashSet<>();
        for (AgentSession agent : s.router.agents()) {
            List<Offer> ringing = s.router.offerBook().ringingAt(agent.id());
            assertTrue(ringing.size() <= 1, () -> agent + " holds " + ringing.size() + " leases");
            assertEquals(agent.state() == AgentState.RESERVED, ringing.size() == 1, () -> agent + " vs its leases");
            for (InteractionId i : agent.connected()) {
                assertTrue(connected.add(i), () -> i + " is connected to two agents");
            }
            agent.openByChannel().forEach((channel, open) ->
                    assertTrue(open <= agent.capacity().limit(channel), () -> agent + " over capacity on " + channel));
            if (!agent.isReachable()) {
                assertTrue(ringing.isEmpty(), () -> "unreachable " + agent + " is being offered");
            }
        }
        for (Interaction i : s.router.liveInteractions()) {
            long accepted = s.router.offersOf(i.id()).stream()
                    .filter(o -> o.outcome() == OfferOutcome.ACCEPTED).count();
            if (i.status() == InteractionStatus.CONNECTED) {
                assertTrue(connected.contains(i.id()), () -> i + " is connected to nobody");
            }
            assertTrue(accepted <= 1 + i.unansweredAttempts(), () -> i + " was answered " + accepted + " times");
        }
        assertEquals(List.of(), new Reconciler().reconcile(s.router));
    }

    private void assertReportAgreesWithTheRouter() {
        QueueKpiProjection projection = new QueueKpiProjection(new Intervals(Duration.ofDays(1), s.clock.getZone()),
                Duration.ofSeconds(5), q -> Duration.ofSeconds(20));
        projection.applyAll(s.events);
        int offered = projection.reports().stream().mapToInt(QueueIntervalReport::offered).sum();
        // a callback is the same customer as the interaction it replaced: one offered per customer and queue
        Map<String, String> originalOf = new HashMap<>();
        s.eventsOf(RoutingEventType.CALLBACK_REQUESTED).forEach(e -> originalOf.put(
                e.require(EventField.CALLBACK), e.require(EventField.INTERACTION)));
        Set<String> entries = new HashSet<>();
        s.eventsOf(RoutingEventType.INTERACTION_QUEUED).forEach(e -> {
            String id = e.require(EventField.INTERACTION);
            while (originalOf.containsKey(id)) {
                id = originalOf.get(id);
            }
            entries.add(e.require(EventField.QUEUE) + "/" + id);
        });
        assertEquals(entries.size(), offered);
        for (QueueIntervalReport r : projection.reports()) {
            assertEquals(r.offered(), r.answered() + r.abandoned() + r.shortAbandons() + r.overflowed(),
                    () -> "every customer who entered " + r.queue() + " has one outcome: " + r);
        }
        int handled = projection.reports().stream().mapToInt(QueueIntervalReport::handled).sum();
        assertEquals(s.eventsOf(RoutingEventType.INTERACTION_COMPLETED).size(), handled);
    }
}
