package org.parley.sip.call;

/** Why the media server could not anchor or keep a call's media; the policy maps it to the caller's response. */
public enum MediaFailure {
    /** No RTP port pair or endpoint slot was free, or the server refuses load: the caller may retry later. */
    CAPACITY_EXHAUSTED,
    /** The caller's offer shares no codec with the media server, or the callee's answer selects none of ours. */
    OFFER_NOT_ACCEPTABLE,
    /** An endpoint or bridge went away under the call (media server stopped, RTP timeout). */
    ENDPOINT_LOST
}
