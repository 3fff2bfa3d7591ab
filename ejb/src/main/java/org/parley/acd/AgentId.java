package org.parley.acd;

public record AgentId(long value) {
    @Override
    public String toString() {
        return Long.toString(value);
    }
}
