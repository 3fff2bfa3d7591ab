package org.parley.acd.routing.interaction;

/** Where an interaction is in its life; see {@link #isFinal()} for the ones it ends in. */
public enum InteractionStatus {
    WAITING,
    /** Ringing at one agent, or at several under ring-all. */
    OFFERED,
    CONNECTED,
    /** A callback whose customer did not answer, waiting for its next attempt. */
    AWAITING_RETRY,
    COMPLETED,
    ABANDONED,
    OVERFLOWED,
    /** The customer left the line and a callback interaction took over their place. */
    REPLACED_BY_CALLBACK,
    /** Every callback attempt went unanswered. */
    CALLBACK_FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == ABANDONED || this == OVERFLOWED || this == REPLACED_BY_CALLBACK
                || this == CALLBACK_FAILED;
    }

    /** The customer is still with us: waiting, ringing at an agent or talking to one. */
    public boolean isLive() {
        return !isFinal();
    }
}
