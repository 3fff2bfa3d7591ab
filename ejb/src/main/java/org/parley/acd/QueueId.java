package org.parley.acd;

public record QueueId(long value) {
    @Override
    public String toString() {
        return Long.toString(value);
    }
}
