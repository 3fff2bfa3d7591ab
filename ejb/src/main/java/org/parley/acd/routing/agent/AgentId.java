package org.parley.acd.routing.agent;

import java.util.Objects;

/** Identifies an agent to the router; the admin configuration uses the same value. */
public record AgentId(String value) implements Comparable<AgentId> {

    public AgentId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an agent id cannot be blank");
        }
    }

    public static AgentId of(String value) {
        return new AgentId(value);
    }

    @Override
    public int compareTo(AgentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
