package org.parley.slee.runtime;

/** Event types the runtime tests fire; records, so the journal prints them readably. */
public final class TestEvents {

    private TestEvents() {
    }

    /** A numbered event; {@code key} is what custom convergence selects on. */
    public record Ping(String key, int n) {
    }

    /** An event that the test SBBs treat as "fail now". */
    public record Boom(String key) {
    }

    /** A second initial event type, routed by its own rule. */
    public record Hello(String who) {
    }

    /** An event fired by SBBs on shared activities. */
    public record Note(String text) {
    }
}
