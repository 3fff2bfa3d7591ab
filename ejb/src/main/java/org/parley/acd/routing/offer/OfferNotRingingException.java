package org.parley.acd.routing.offer;

/** An answer to an offer that has already ended, e.g. an accept that arrives after the ring timeout. */
public final class OfferNotRingingException extends IllegalStateException {

    private final OfferOutcome outcome;

    public OfferNotRingingException(OfferId offer, OfferOutcome outcome) {
        super("offer " + offer + " is no longer ringing: " + outcome);
        this.outcome = outcome;
    }

    public OfferOutcome outcome() {
        return outcome;
    }
}
