package org.parley.acd.routing;

import org.parley.acd.routing.offer.OfferId;

/** An answer named an offer the router never made. */
public final class UnknownOfferException extends IllegalArgumentException {

    public UnknownOfferException(OfferId offer) {
        super("unknown offer " + offer);
    }
}
