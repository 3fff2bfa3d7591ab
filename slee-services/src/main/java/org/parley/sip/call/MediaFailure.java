package org.parley.sip.call;

/** Why the media server could not anchor or keep a call's media; the policy maps it to the caller's response. */
public enum MediaFailure {
    /** No RTP port pair or endpoint slot was free, or the server refuses load: the caller may retry later. */
    CAPACITY_EXHAUSTED,
    /** The caller's offer shares no codec with the media server, or the callee's answer selects none of ours. */
    OFFER_NOT_ACCEPTABLE,
    /** An endpoint or bridge went away under the call (media server stopped, RTP timeout). */
    ENDPOINT_LOST,
    /**
     * The caller's INVITE had no offer, so our 200 carried one, and the caller's ACK brought no answer to it (RFC 3261
     * §13.2.1: the answer must be in the ACK): the caller's leg has no media to send or receive.
     */
    CALLER_ANSWER_MISSING,
    /** The answer in the caller's ACK could not be parsed or selects nothing our 200 offered. */
    CALLER_ANSWER_NOT_ACCEPTABLE
}
