package org.parley.acd;

import org.parley.rule.RuleViolationException;

/**
 * How many interactions of each channel an agent may have open (ringing or connected) at once. {@link #standard()}
 * (voice 1, chat 3, callback 1) is the routing engine's default, and every agent's until an admin changes it. A
 * limit of 0 means the agent is never offered that channel.
 *
 * @param voice    open voice calls (0 to 1: an agent has one headset)
 * @param chat     open chats (0 to 20)
 * @param callback open callbacks (0 to 1)
 */
public record ChannelLimits(int voice, int chat, int callback) {

    private static final ChannelLimits STANDARD = new ChannelLimits(1, 3, 1);

    public ChannelLimits {
        range("capacity.voice", voice, 1);
        range("capacity.chat", chat, 20);
        range("capacity.callback", callback, 1);
    }

    private static void range(String field, int value, int max) {
        if (value < 0 || value > max) {
            throw new RuleViolationException(field, field + " must be between 0 and " + max + ", not " + value);
        }
    }

    public static ChannelLimits standard() {
        return STANDARD;
    }

    @Override
    public String toString() {
        return "voice " + voice + ", chat " + chat + ", callback " + callback;
    }
}
