package org.parley.acd.routing.agent;

import java.util.Objects;

/** Why an agent is paused: a code from the tenant's configurable list, or one the engine sets itself. */
public record PauseReason(String code) {

    /** Set by the engine when an agent lets too many offers in a row ring out. */
    public static final PauseReason MISSED_OFFERS = new PauseReason("missed offers");
    /** Set by the reconciler or a supervisor when the agent's phone or desktop is gone. */
    public static final PauseReason UNREACHABLE = new PauseReason("unreachable");

    public PauseReason {
        Objects.requireNonNull(code, "code");
        if (code.isBlank()) {
            throw new IllegalArgumentException("a pause needs a reason code");
        }
    }

    public static PauseReason of(String code) {
        return new PauseReason(code);
    }

    @Override
    public String toString() {
        return code;
    }
}
