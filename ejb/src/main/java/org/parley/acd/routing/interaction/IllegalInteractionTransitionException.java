package org.parley.acd.routing.interaction;

/** A command that the interaction's current status does not allow, e.g. accepting one that already ended. */
public final class IllegalInteractionTransitionException extends IllegalStateException {

    private final InteractionId interaction;
    private final InteractionStatus status;

    public IllegalInteractionTransitionException(InteractionId interaction, InteractionStatus status, String step) {
        super("interaction " + interaction + " cannot " + step + " while " + status);
        this.interaction = interaction;
        this.status = status;
    }

    public InteractionId interaction() {
        return interaction;
    }

    public InteractionStatus status() {
        return status;
    }
}
