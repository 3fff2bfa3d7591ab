package org.parley.acd.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.agent.AgentState;
import org.parley.acd.routing.agent.PauseReason;
import org.parley.acd.routing.event.RoutingEventType;
import org.parley.acd.routing.interaction.InteractionId;
import org.parley.acd.routing.interaction.InteractionStatus;
import org.parley.acd.routing.offer.Offer;
import org.parley.acd.routing.queue.CandidateAssessment;
import org.parley.acd.routing.queue.QueueId;
import org.parley.acd.routing.queue.RoutingDecision;
import org.parley.acd.routing.queue.RoutingStrategy;
import org.parley.acd.routing.skill.RequiredSkill;
import org.parley.acd.routing.skill.Skill;
import org.parley.acd.routing.skill.SkillProfile;

/** Each strategy picks the agent its definition says, and the offer explains why. */
class RouterStrategyTest {

    private final RoutingScenario s = new RoutingScenario();

    /** Three agents who become free at different times; a1 has waited longest. */
    private List<AgentId> threeAgentsFreedInOrder(QueueId queue) {
        AgentId a1 = s.agent("a1", queue);
        s.elapseSeconds(10);
        AgentId a2 = s.agent("a2", queue);
        s.elapseSeconds(10);
        AgentId a3 = s.agent("a3", queue);
        s.elapseSeconds(10);
        return List.of(a1, a2, a3);
    }

    @Test
    void longestIdleOffersTheAgentWhoHasWaitedLongestAndExplainsIt() {
        QueueId sales = s.queue("sales", b -> b.strategy(RoutingStrategy.LONGEST_IDLE));
        List<AgentId> agents = threeAgentsFreedInOrder(sales);

        InteractionId call = s.call(sales);

        Offer offer = s.ringingAt(agents.get(0));
        assertEquals(call, offer.interaction());
        RoutingDecision why = offer.decision();
        assertEquals(RoutingStrategy.LONGEST_IDLE, why.strategy());
        assertEquals(List.of(AgentId.of("a1"), AgentId.of("a2"), AgentId.of("a3")),
                why.candidates().stream().map(CandidateAssessment::agent).toList());
        assertEquals(List.of(30.0, 20.0, 10.0), why.candidates().stream().map(CandidateAssessment::score).toList());
        assertEquals(Duration.ofSeconds(30), why.candidates().get(0).idle());
        assertEquals(List.of(AgentId.of("a1")), why.chosen());
        assertEquals(AgentState.RESERVED, s.state(agents.get(0)));
        assertEquals(AgentState.AVAILABLE, s.state(agents.get(1)));
    }

    @Test
    void roundRobinContinuesAfterTheAgentChosenLast() {
        QueueId q = s.queue("support", b -> b.strategy(RoutingStrategy.ROUND_ROBIN).wrapUp(Duration.ZERO));
        List<AgentId> agents = threeAgentsFreedInOrder(q);

        for (String expected : List.of("a1", "a2", "a3", "a1", "a2")) {
            InteractionId call = s.call(q);
            AgentId chosen = s.router.offersOf(call).get(0).agent();
            assertEquals(AgentId.of(expected), chosen);
            s.answer(chosen);
            s.router.complete(call);
        }
        assertTrue(agents.stream().allMatch(a -> s.state(a) == AgentState.AVAILABLE));
    }

    @Test
    void fewestInteractionsTodayPrefersTheLeastLoadedAgent() {
        QueueId q = s.queue("support", b -> b.strategy(RoutingStrategy.FEWEST_INTERACTIONS_TODAY)
                .wrapUp(Duration.ZERO));
        AgentId a1 = s.agent("a1", q);
        AgentId a2 = s.agent("a2", q);
        s.router.pause(a2, PauseReason.of("lunch"));
        for (int i = 0; i < 2; i++) {
            InteractionId call = s.call(q);
            s.answer(a1);
            s.router.complete(call);
        }
        s.elapseSeconds(30);
        s.router.goReady(a2);
        // a1 has now been idle longer, so only the count of today's interactions can favour a2.
        InteractionId call = s.call(q);
        Offer offer = s.router.offersOf(call).get(0);
        assertEquals(a2, offer.agent());
        Map<AgentId, Double> scores = scores(offer.decision());
        assertEquals(2.0, scores.get(a1));
        assertEquals(0.0, scores.get(a2));
    }

    @Test
    void ringAllRingsEveryEligibleAgentAndTheFirstToAcceptWins() {
        QueueId q = s.queue("hunt", b -> b.strategy(RoutingStrategy.RING_ALL));
        List<AgentId> agents = threeAgentsFreedInOrder(q);

        InteractionId call = s.call(q);

        assertEquals(3, s.router.offersOf(call).size());
        agents.forEach(a -> assertEquals(AgentState.RESERVED, s.state(a)));
        s.answer(agents.get(1));
        assertEquals(AgentState.BUSY, s.state(agents.get(1)));
        assertEquals(AgentState.AVAILABLE, s.state(agents.get(0)));
        assertEquals(AgentState.AVAILABLE, s.state(agents.get(2)));
        assertFalse(s.isRinging(agents.get(0)));
        assertEquals(2, s.eventsOf(RoutingEventType.OFFER_CANCELLED).size());
    }

    @Test
    void underRingAllADeclineLeavesTheOthersRingingAndACustomerWhoLeavesEndsThemAll() {
        QueueId q = s.queue("hunt", b -> b.strategy(RoutingStrategy.RING_ALL));
        List<AgentId> agents = threeAgentsFreedInOrder(q);
        InteractionId call = s.call(q);

        s.router.decline(s.ringingAt(agents.get(0)).id());

        assertFalse(s.isRinging(agents.get(0)));
        assertTrue(s.isRinging(agents.get(1)) && s.isRinging(agents.get(2)));
        assertEquals(InteractionStatus.OFFERED,
                s.router.interaction(call).orElseThrow().status());

        s.router.customerLeft(call);

        agents.forEach(a -> assertEquals(AgentState.AVAILABLE, s.state(a)));
        assertEquals(InteractionStatus.ABANDONED,
                s.router.interaction(call).orElseThrow().status());
    }

    @Test
    void underRingAllWhenEveryoneLetsItRingOutItRingsAtEveryoneAgain() {
        QueueId q = s.queue("hunt", b -> b.strategy(RoutingStrategy.RING_ALL).ringTimeout(Duration.ofSeconds(10)));
        List<AgentId> agents = threeAgentsFreedInOrder(q);
        InteractionId call = s.call(q);

        s.elapseSeconds(10);

        assertEquals(6, s.router.offersOf(call).size());
        agents.forEach(a -> assertEquals(call, s.ringingAt(a).interaction()));
    }

    @Test
    void skillsWeightedPrefersTheBestMatchOverTheLongestIdle() {
        QueueId q = s.queue("billing", b -> b.strategy(RoutingStrategy.SKILLS_WEIGHTED));
        AgentId novice = s.agent("a1", SkillProfile.none().with("billing", 3).with("german", 5), q);
        s.elapseSeconds(60);
        AgentId expert = s.agent("a2", SkillProfile.none().with("billing", 9).with("german", 6), q);
        AgentId unskilled = s.agent("a3", SkillProfile.none().with("german", 10), q);

        InteractionId call = s.call(q, RequiredSkill.of("billing", 2), RequiredSkill.of("german", 1));

        Offer offer = s.router.offersOf(call).get(0);
        assertEquals(expert, offer.agent());
        Map<AgentId, Double> scores = scores(offer.decision());
        assertEquals(15.0, scores.get(expert));
        assertEquals(8.0, scores.get(novice));
        assertFalse(scores.containsKey(unskilled), "an agent without billing is not a candidate");
        assertEquals(Map.of(Skill.named("billing"), 9, Skill.named("german"), 6),
                offer.decision().candidates().get(0).skillsMatched());
    }

    private static Map<AgentId, Double> scores(RoutingDecision decision) {
        return decision.candidates().stream().collect(
                Collectors.toMap(CandidateAssessment::agent, CandidateAssessment::score));
    }
}
