package org.parley.acd.routing.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.parley.acd.routing.interaction.Channel;
import org.parley.acd.routing.interaction.InteractionId;
import org.parley.acd.routing.skill.SkillProfile;

class AgentSessionTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    private final AgentSession agent = new AgentSession(AgentId.of("a1"), SkillProfile.none(),
            ChannelCapacity.standard(), ZoneOffset.UTC, T0);

    @Test
    void chatsStackUpToCapacityAndTheLastOneEndingStartsWrapUp() {
        agent.logIn(T0);
        InteractionId c1 = InteractionId.random();
        InteractionId c2 = InteractionId.random();
        InteractionId c3 = InteractionId.random();
        MixingRule rule = MixingRule.exclusiveVoice();
        for (InteractionId chat : new InteractionId[] {c1, c2, c3}) {
            assertTrue(agent.canTake(Channel.CHAT, rule));
            agent.reserve(chat, Channel.CHAT, T0);
            assertEquals(AgentState.RESERVED, agent.state());
            agent.accept(T0);
            assertEquals(AgentState.BUSY, agent.state());
        }
        assertFalse(agent.canTake(Channel.CHAT, rule), "chat capacity 3 is full");
        assertFalse(agent.canTake(Channel.VOICE, rule), "no voice while chats are open");
        assertEquals(Map.of(Channel.CHAT, 3), agent.openByChannel());
        agent.endInteraction(c1, T0);
        agent.endInteraction(c2, T0);
        assertEquals(AgentState.BUSY, agent.state());
        StateChange last = agent.endInteraction(c3, T0);
        assertEquals(AgentState.WRAP_UP, agent.state());
        assertTrue(last.asks(AgentAction.START_WRAP_UP));
        assertEquals(3, agent.handledToday(T0));
    }

    @Test
    void anEndedChatFreesItsPlaceAndTheLastOneFreesTheHeadset() {
        agent.logIn(T0);
        MixingRule rule = MixingRule.exclusiveVoice();
        InteractionId[] chats = {InteractionId.random(), InteractionId.random(), InteractionId.random()};
        for (InteractionId chat : chats) {
            agent.reserve(chat, Channel.CHAT, T0);
            agent.accept(T0);
        }
        agent.endInteraction(chats[1], T0);
        assertTrue(agent.canTake(Channel.CHAT, rule), "two of three chats open");
        assertFalse(agent.canTake(Channel.VOICE, rule));
        agent.reserve(InteractionId.random(), Channel.CHAT, T0);
        agent.accept(T0);
        assertFalse(agent.canTake(Channel.CHAT, rule), "three of three again");
        for (InteractionId open : agent.connected()) {
            agent.endInteraction(open, T0);
        }
        agent.endWrapUp(T0);
        assertTrue(agent.canTake(Channel.VOICE, rule), "no chat left open");
        agent.reserve(InteractionId.random(), Channel.VOICE, T0);
        agent.accept(T0);
        assertFalse(agent.canTake(Channel.VOICE, rule));
        assertFalse(agent.canTake(Channel.CHAT, rule));
        assertEquals(Map.of(Channel.VOICE, 1), agent.openByChannel());
    }

    @Test
    void mixingRuleCanAllowVoiceAlongsideOneChat() {
        agent.logIn(T0);
        agent.reserve(InteractionId.random(), Channel.CHAT, T0);
        agent.accept(T0);
        assertFalse(agent.canTake(Channel.VOICE, MixingRule.exclusiveVoice()));
        assertTrue(agent.canTake(Channel.VOICE, new MixingRule(1, false)));
        agent.reserve(InteractionId.random(), Channel.VOICE, T0);
        agent.accept(T0);
        assertFalse(agent.canTake(Channel.CHAT, new MixingRule(1, false)), "no chat during a call");
        assertTrue(agent.canTake(Channel.CHAT, new MixingRule(1, true)));
    }

    @Test
    void aSecondOfferWhileOneRingsIsRefused() {
        agent.logIn(T0);
        agent.reserve(InteractionId.random(), Channel.CHAT, T0);
        assertThrows(IllegalAgentTransitionException.class,
                () -> agent.reserve(InteractionId.random(), Channel.CHAT, T0));
    }

    @Test
    void logOutWhileRingingWithdrawsTheOfferButNotWhileHandling() {
        agent.logIn(T0);
        agent.reserve(InteractionId.random(), Channel.VOICE, T0);
        StateChange change = agent.logOut(T0);
        assertTrue(change.asks(AgentAction.WITHDRAW_OFFER));
        assertTrue(agent.ringing().isEmpty());

        agent.logIn(T0);
        agent.reserve(InteractionId.random(), Channel.VOICE, T0);
        agent.accept(T0);
        IllegalAgentTransitionException refused = assertThrows(IllegalAgentTransitionException.class,
                () -> agent.logOut(T0));
        assertEquals(AgentState.BUSY, refused.state());
        assertTrue(refused.getMessage().contains("a1"));
    }

    @Test
    void unreachableAgentsAreNotOfferedAnything() {
        agent.logIn(T0);
        assertTrue(agent.unreachable(Contact.PHONE), "was reachable");
        assertFalse(agent.canTake(Channel.VOICE, MixingRule.exclusiveVoice()));
        assertTrue(agent.reachable(Contact.PHONE), "reachable again");
        assertTrue(agent.canTake(Channel.VOICE, MixingRule.exclusiveVoice()));
    }

    @Test
    void anAgentIsReachableOnlyWhenNeitherPhoneNorDesktopIsLost() {
        agent.logIn(T0);
        agent.unreachable(Contact.PHONE);
        assertFalse(agent.unreachable(Contact.DESKTOP), "already unreachable");
        assertEquals(Set.of(Contact.PHONE, Contact.DESKTOP), agent.lostContacts());
        assertFalse(agent.reachable(Contact.PHONE), "the desktop is still gone");
        assertFalse(agent.canTake(Channel.CHAT, MixingRule.exclusiveVoice()));
        assertTrue(agent.reachable(Contact.DESKTOP));
        assertTrue(agent.isReachable());
    }

    @Test
    void loggingInForgetsALostDesktopButNotALostPhone() {
        agent.logIn(T0);
        agent.unreachable(Contact.PHONE);
        agent.unreachable(Contact.DESKTOP);
        agent.logOut(T0);
        agent.logIn(T0);
        assertEquals(Set.of(Contact.PHONE), agent.lostContacts(), "a phone that is not registered is not there");
    }
}
