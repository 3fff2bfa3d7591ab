package org.parley.acd.routing.agent;

import java.util.EnumMap;
import java.util.Map;

import org.parley.acd.routing.interaction.Channel;

/** How many interactions of each channel an agent can have open (ringing or connected) at once. */
public final class ChannelCapacity {

    private static final ChannelCapacity STANDARD = new ChannelCapacity(Map.of(
            Channel.VOICE, 1,
            Channel.CHAT, 3,
            Channel.CALLBACK, 1));

    private final Map<Channel, Integer> limits;

    private ChannelCapacity(Map<Channel, Integer> limits) {
        this.limits = new EnumMap<>(limits);
        this.limits.values().forEach(limit -> {
            if (limit < 0) {
                throw new IllegalArgumentException("a channel capacity cannot be negative");
            }
        });
    }

    /** Voice 1, chat 3, callback 1: the usual defaults of a blended desk. */
    public static ChannelCapacity standard() {
        return STANDARD;
    }

    public ChannelCapacity with(Channel channel, int limit) {
        Map<Channel, Integer> changed = new EnumMap<>(limits);
        changed.put(channel, limit);
        return new ChannelCapacity(changed);
    }

    public int limit(Channel channel) {
        return limits.getOrDefault(channel, 0);
    }

    public boolean hasRoomFor(Channel channel, Map<Channel, Integer> open) {
        return open.getOrDefault(channel, 0) < limit(channel);
    }
}
