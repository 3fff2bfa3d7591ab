package org.parley.acd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.parley.acd.internal.RouterDirectory.AgentEntry;
import org.parley.acd.internal.RouterDirectory.QueueEntry;
import org.parley.acd.routing.RoutingScenario;
import org.parley.acd.routing.UnknownPauseReasonException;
import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.agent.AgentState;
import org.parley.acd.routing.agent.PauseReason;
import org.parley.acd.routing.queue.QueueId;
import org.parley.acd.routing.queue.QueuePolicy;
import org.parley.acd.routing.queue.RoutingStrategy;
import org.parley.acd.routing.skill.RequiredSkill;
import org.parley.acd.routing.skill.SkillProfile;

class RouterDirectoryTest {

    private final RoutingScenario s = new RoutingScenario();
    private final AgentId ann = AgentId.of("1");
    private final AgentId bob = AgentId.of("2");
    private final QueueId sales = QueueId.of("10");

    private static final Set<PauseReason> NO_REASONS = Set.of();

    private static QueuePolicy sales(RoutingStrategy strategy) {
        return QueuePolicy.builder(QueueId.of("10")).strategy(strategy).build();
    }

    @Test
    void aNewConfigurationDefinesQueuesAddsAgentsAndAssignsEnabledMembers() {
        new RouterDirectory(List.of(new AgentEntry(ann, "2001", SkillProfile.none().with("billing", 5), true),
                new AgentEntry(bob, "2002", SkillProfile.none(), false)),
                List.of(new QueueEntry(sales(RoutingStrategy.LONGEST_IDLE), true, Set.of(ann, bob))), NO_REASONS).applyTo(s.router);

        assertTrue(s.router.definesQueue(sales));
        assertEquals(Set.of(ann), s.router.membersOf(sales), "a disabled agent serves no queue");
        assertTrue(s.router.agent(bob).isEmpty(), "a disabled agent the router never knew is not added");
        assertEquals(5, s.router.agent(ann).orElseThrow().skills().levelOf(
                org.parley.acd.routing.skill.Skill.named("billing")).getAsInt());
    }

    @Test
    void applyingAChangeKeepsWhoWaitsAndWhoTalksAndUpdatesTheRest() {
        RouterDirectory first = new RouterDirectory(List.of(new AgentEntry(ann, "2001", SkillProfile.none(), true),
                new AgentEntry(bob, "2002", SkillProfile.none(), true)),
                List.of(new QueueEntry(sales(RoutingStrategy.LONGEST_IDLE), true, Set.of(ann))), NO_REASONS);
        first.applyTo(s.router);
        s.router.logIn(ann);
        var talking = s.call(sales);
        s.answer(ann);
        var waiting = s.call(sales);

        new RouterDirectory(List.of(new AgentEntry(ann, "2001", SkillProfile.none().with("tech", 3), true),
                new AgentEntry(bob, "2002", SkillProfile.none(), true)),
                List.of(new QueueEntry(sales(RoutingStrategy.ROUND_ROBIN), true, Set.of(bob))), NO_REASONS).applyTo(s.router);

        assertEquals(Set.of(bob), s.router.membersOf(sales));
        assertEquals(RoutingStrategy.ROUND_ROBIN, s.router.line(sales).isEmpty() ? null
                : RoutingStrategy.ROUND_ROBIN, "the line survives the redefinition");
        assertEquals(List.of(waiting), s.router.line(sales).stream().map(i -> i.id()).toList());
        assertEquals(AgentState.BUSY, s.state(ann), "a member removed mid-call keeps the call");
        assertEquals(Set.of(talking), s.session(ann).connected());
        assertTrue(s.session(ann).skills().satisfies(RequiredSkill.of("tech", 3)));

        s.router.logIn(bob);
        assertTrue(s.isRinging(bob), "the new member gets the waiting customer");
    }

    @Test
    void disablingAnAgentLogsThemOutUnlessTheyAreTalking() {
        new RouterDirectory(List.of(new AgentEntry(ann, "2001", SkillProfile.none(), true),
                new AgentEntry(bob, "2002", SkillProfile.none(), true)),
                List.of(new QueueEntry(sales(RoutingStrategy.LONGEST_IDLE), true, Set.of(ann, bob))), NO_REASONS).applyTo(s.router);
        s.router.logIn(ann);
        s.call(sales);
        s.answer(ann);
        s.router.logIn(bob);

        new RouterDirectory(List.of(new AgentEntry(ann, "2001", SkillProfile.none(), false),
                new AgentEntry(bob, "2002", SkillProfile.none(), false)),
                List.of(new QueueEntry(sales(RoutingStrategy.LONGEST_IDLE), true, Set.of(ann, bob))), NO_REASONS).applyTo(s.router);

        assertEquals(AgentState.LOGGED_OUT, s.state(bob));
        assertEquals(AgentState.BUSY, s.state(ann));
        assertTrue(s.router.membersOf(sales).isEmpty());
    }

    @Test
    void aDisabledQueueHasNoMembersAndTakesNoCustomers() {
        RouterDirectory directory = new RouterDirectory(List.of(new AgentEntry(ann, "2001", SkillProfile.none(), true)),
                List.of(new QueueEntry(sales(RoutingStrategy.LONGEST_IDLE), false, Set.of(ann))), NO_REASONS);
        directory.applyTo(s.router);
        assertTrue(s.router.membersOf(sales).isEmpty());
        assertFalse(directory.acceptsCustomers(sales));
        assertFalse(directory.acceptsCustomers(QueueId.of("99")));
    }

    @Test
    void theTenantsPauseReasonsAreTheOnlyOnesAcceptedOnceSet() {
        new RouterDirectory(List.of(new AgentEntry(ann, "2001", SkillProfile.none(), true)), List.of(),
                Set.of(PauseReason.of("lunch"), PauseReason.of("training"))).applyTo(s.router);
        s.router.logIn(ann);
        UnknownPauseReasonException refused = assertThrows(UnknownPauseReasonException.class,
                () -> s.router.pause(ann, PauseReason.of("nap")));
        assertTrue(refused.getMessage().contains("lunch, training"), refused.getMessage());
        assertEquals(AgentState.AVAILABLE, s.state(ann));
        s.router.pause(ann, PauseReason.of("lunch"));
        assertEquals(AgentState.PAUSED, s.state(ann));

        RouterDirectory.of(java.time.ZoneOffset.UTC, List.of(), List.of(), Set.of()).applyTo(s.router);
        s.router.goReady(ann);
        s.router.pause(ann, PauseReason.of("nap"));
        assertEquals(PauseReason.of("nap"), s.session(ann).pauseReason().orElseThrow(),
                "an empty list accepts any code again");
    }

    @Test
    void theQueuePolicyKeepsTheAdminsServiceLevel() {
        QueuePolicy policy = QueuePolicy.builder(sales).serviceLevel(0.9, Duration.ofSeconds(15)).build();
        new RouterDirectory(List.of(), List.of(new QueueEntry(policy, true, Set.of())), NO_REASONS).applyTo(s.router);
        assertTrue(s.router.definesQueue(sales));
    }
}
