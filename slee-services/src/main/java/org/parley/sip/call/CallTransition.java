package org.parley.sip.call;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the call transition table, seen from its source state: where the call goes and what must happen, or
 * why the event changes nothing. Actions here may be templates (see {@link CallAction}).
 *
 * @param ignoredBecause present when the event is expected in this state but has no effect on the call
 */
public record CallTransition(CallState target, List<CallAction> actions, Optional<String> ignoredBecause) {

    public CallTransition {
        Objects.requireNonNull(target, "target");
        actions = List.copyOf(actions);
        Objects.requireNonNull(ignoredBecause, "ignoredBecause");
        if (ignoredBecause.isPresent() && !actions.isEmpty()) {
            throw new IllegalArgumentException("an ignored event asks for nothing");
        }
    }

    public static CallTransition to(CallState target, CallAction... actions) {
        return new CallTransition(target, List.of(actions), Optional.empty());
    }

    public static CallTransition ignored(CallState state, String reason) {
        return new CallTransition(state, List.of(), Optional.of(reason));
    }

    public boolean isIgnored() {
        return ignoredBecause.isPresent();
    }
}
