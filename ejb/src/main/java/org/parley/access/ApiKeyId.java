package org.parley.access;

public record ApiKeyId(long value) {
    @Override
    public String toString() {
        return Long.toString(value);
    }
}
