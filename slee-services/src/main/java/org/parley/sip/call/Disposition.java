package org.parley.sip.call;

/** How a call ended for the reports: derived from the final response the caller got (200 for an answered call). */
public enum Disposition {
    /** The callee answered; how the conversation ended is the hangup side's to say. */
    ANSWERED,
    /** 486 Busy Here or 600 Busy Everywhere. */
    BUSY,
    /** Nobody answered before the no-answer timer (408). */
    NO_ANSWER,
    /** The caller gave up before an answer (487). */
    CANCELLED,
    /** The callee declined (603). */
    REJECTED,
    /** The extension exists but none of its phones could take the call (480). */
    UNAVAILABLE,
    /** No such extension (404). */
    NOT_FOUND,
    /** Anything else: media trouble, a malformed offer, an internal error. */
    FAILED
}
