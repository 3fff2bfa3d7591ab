package org.parley.sip.call;

/**
 * Where a call between extensions stands. Hold is part of the state rather than a flag beside it, so the transition
 * table alone says what a re-INVITE does.
 */
public enum CallState {
    /** Nothing has happened yet: the SBB entity exists but has not fed the INVITE. */
    IDLE,
    /** The authenticated INVITE is in hand; the callee's extension and its bindings are being looked up. */
    ROUTING,
    /** The callee has contacts; the media server is opening the caller's and the callee's endpoints. */
    ANCHORING,
    /** INVITEs are out to every contact of the callee; none has rung yet. */
    CALLING,
    /** A contact rings and the caller got 180: its phone plays ringback itself. */
    RINGING,
    /** A contact reported progress and the caller got 183 with the media server's SDP: Parley plays ringback. */
    EARLY_MEDIA,
    /** A contact answered and was acknowledged; the caller has our 200 and its ACK is awaited. */
    CONNECTING,
    /** Both parties talk through the 2-party bridge. */
    CONNECTED,
    /** The caller put the callee on hold (its offer was sendonly or inactive). */
    HELD_BY_CALLER,
    /** The callee put the caller on hold. */
    HELD_BY_CALLEE,
    /** Each side holds the other; each must resume before they talk again. */
    HELD_BY_BOTH,
    /**
     * The call is over for its parties, but the caller has not acknowledged our 200 yet, so the BYE to it waits for
     * the ACK (RFC 3261 §15: a UAS must not send BYE on a dialog before the ACK for its 2xx).
     */
    ENDING,
    /** The call is over; stragglers (late 2xx, crossing BYEs, cancelled branches' responses) are still answered. */
    ENDED;

    /** Whether the call's record has been closed: the parties no longer talk and the CDR is final. */
    public boolean isOver() {
        return this == ENDING || this == ENDED;
    }
}
