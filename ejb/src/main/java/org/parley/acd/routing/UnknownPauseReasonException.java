package org.parley.acd.routing;

import java.util.Collection;
import java.util.stream.Collectors;

import org.parley.acd.routing.agent.PauseReason;

/** A pause asked for with a code that is not on the tenant's list. */
public final class UnknownPauseReasonException extends IllegalArgumentException {

    public UnknownPauseReasonException(PauseReason reason, Collection<PauseReason> allowed) {
        super("unknown pause reason \"" + reason + "\"; this tenant's reasons are: "
                + allowed.stream().map(PauseReason::code).sorted().collect(Collectors.joining(", ")));
    }
}
