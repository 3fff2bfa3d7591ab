package org.parley.acd.routing.offer;

/** How an offer's lease ended, or {@link #RINGING} while it lasts. */
public enum OfferOutcome {
    RINGING,
    ACCEPTED,
    DECLINED,
    TIMED_OUT,
    /** Withdrawn: the customer left, another agent answered first, the agent left or a repair. */
    CANCELLED
}
