package org.parley.acd.routing.agent;

import java.util.Map;

import org.parley.acd.routing.interaction.Channel;

/**
 * Whether an agent who already has interactions open may be offered one on another channel, configurable per
 * queue. A voice call or callback needs the agent's attention, so by default it is offered only when no chat is
 * open; chats may be allowed alongside a call or not.
 *
 * @param chatsAllowedWithVoice how many open chats still allow a voice or callback offer (0: none)
 * @param chatWhileOnVoice      whether a chat may be offered to an agent who is on a voice call or callback
 */
public record MixingRule(int chatsAllowedWithVoice, boolean chatWhileOnVoice) {

    public MixingRule {
        if (chatsAllowedWithVoice < 0) {
            throw new IllegalArgumentException("chatsAllowedWithVoice cannot be negative");
        }
    }

    /** Voice only to agents with no chat open; no chats during a call. */
    public static MixingRule exclusiveVoice() {
        return new MixingRule(0, false);
    }

    public boolean permits(Channel offered, Map<Channel, Integer> open) {
        int chats = open.getOrDefault(Channel.CHAT, 0);
        int headset = open.getOrDefault(Channel.VOICE, 0) + open.getOrDefault(Channel.CALLBACK, 0);
        if (offered.occupiesHeadset()) {
            return headset == 0 && chats <= chatsAllowedWithVoice;
        }
        return headset == 0 || chatWhileOnVoice;
    }
}
