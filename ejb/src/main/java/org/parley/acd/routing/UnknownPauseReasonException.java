package org.parley.acd.routing;

import org.parley.acd.routing.agent.PauseReason;

/** A pause asked for with a code that is not on the tenant's list. */
public final class UnknownPauseReasonException extends IllegalArgumentException {

    public UnknownPauseReasonException(PauseReason reason) {
        super("unknown pause reason \"" + reason + "\"");
    }
}
