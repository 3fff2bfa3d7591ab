package org.parley.acd.routing;

import org.parley.acd.routing.interaction.InteractionId;

/** A command named an interaction the router does not know. */
public final class UnknownInteractionException extends IllegalArgumentException {

    public UnknownInteractionException(InteractionId interaction) {
        super("unknown interaction " + interaction);
    }
}
