package org.parley.acd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.parley.acd.Agent;
import org.parley.acd.ChannelLimits;
import org.parley.acd.internal.RouterDirectory.AgentEntry;
import org.parley.acd.internal.RouterDirectory.QueueEntry;
import org.parley.acd.routing.RoutingScenario;
import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.agent.ChannelCapacity;
import org.parley.acd.routing.interaction.Channel;
import org.parley.acd.routing.queue.QueueId;
import org.parley.acd.routing.queue.QueuePolicy;
import org.parley.acd.routing.skill.SkillProfile;
import org.parley.rule.RuleViolationException;
import org.parley.tenant.TenantId;

/** An agent's channel capacity as the admin sets it reaches the engine, for new agents and known ones alike. */
class RouterDirectoryCapacityTest {

    private static Agent agent(long id, ChannelLimits limits) {
        Agent agent = new Agent(new TenantId(1), "20" + id, "Agent " + id, Instant.EPOCH);
        try {
            Field f = Agent.class.getDeclaredField("id");
            f.setAccessible(true);
            f.set(agent, id);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        agent.changeCapacity(limits);
        return agent;
    }

    private static AgentEntry entryOf(Agent agent) {
        return RouterDirectory.of(ZoneOffset.UTC, List.of(agent), List.of(), Set.of()).agents().get(0);
    }

    @Test
    void anAgentNeverConfiguredHasTheEnginesStandardCapacity() {
        ChannelCapacity mapped = entryOf(agent(1, ChannelLimits.standard())).capacity();
        for (Channel channel : Channel.values()) {
            assertEquals(ChannelCapacity.standard().limit(channel), mapped.limit(channel), channel.name());
        }
    }

    @Test
    void theLimitsSetAreTheLimitsTheRouterApplies() {
        RoutingScenario s = new RoutingScenario();
        QueueId chats = QueueId.of("10");
        AgentId ann = AgentId.of("1");
        AgentEntry first = entryOf(agent(1, new ChannelLimits(1, 1, 1)));
        new RouterDirectory(List.of(first), List.of(new QueueEntry(QueuePolicy.builder(chats).build(), true,
                Set.of(ann))), Set.of()).applyTo(s.router);
        assertEquals(1, s.session(ann).capacity().limit(Channel.CHAT));
        s.router.logIn(ann);
        s.arrive(chats, Channel.CHAT, 0);
        s.answer(ann);
        s.arrive(chats, Channel.CHAT, 0);
        assertFalse(s.isRinging(ann), "one chat at a time");

        AgentEntry raised = entryOf(agent(1, new ChannelLimits(0, 2, 1)));
        new RouterDirectory(List.of(raised), List.of(new QueueEntry(QueuePolicy.builder(chats).build(), true,
                Set.of(ann))), Set.of()).applyTo(s.router);

        assertEquals(0, s.session(ann).capacity().limit(Channel.VOICE));
        assertEquals(2, s.session(ann).capacity().limit(Channel.CHAT));
        assertTrue(s.isRinging(ann), "the raised limit lets the waiting chat through");
    }

    @Test
    void limitsOutOfRangeNameTheChannel() {
        assertEquals("capacity.voice", assertThrows(RuleViolationException.class,
                () -> new ChannelLimits(2, 3, 1)).field());
        assertEquals("capacity.chat", assertThrows(RuleViolationException.class,
                () -> new ChannelLimits(1, -1, 1)).field());
        assertEquals("capacity.callback", assertThrows(RuleViolationException.class,
                () -> new ChannelLimits(1, 3, 5)).field());
    }
}
