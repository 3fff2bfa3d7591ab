package org.parley.sip.call;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one event did to a call: the progress to store (in the SBB's CMP field) and the actions to carry out, in
 * order.
 *
 * @param kind           how the machine read the event
 * @param ignoredBecause present when the event had no effect on the call (a branch's response is still recorded in
 *                       the fork set)
 */
public record CallStep(CallProgress progress, CallEvent.Kind kind, List<CallAction> actions,
                       Optional<String> ignoredBecause) {

    public CallStep {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(kind, "kind");
        actions = List.copyOf(actions);
        Objects.requireNonNull(ignoredBecause, "ignoredBecause");
    }

    public boolean isIgnored() {
        return ignoredBecause.isPresent();
    }

    public boolean asks(CallAction.Kind action) {
        return actions.stream().anyMatch(a -> a.kind() == action);
    }

    /** The actions of one kind, e.g. every CANCEL_BRANCH. */
    public List<CallAction> actions(CallAction.Kind action) {
        return actions.stream().filter(a -> a.kind() == action).toList();
    }
}
