package org.parley.sip.registrar;

/** What the authenticator decided about a request's credentials; the SBB turns it into the SIP response. */
public sealed interface DigestVerdict {

    /** The credentials prove knowledge of the user's HA1 and the nonce is fresh. */
    record Authenticated(String username, DigestAlgorithm algorithm) implements DigestVerdict {
    }

    /**
     * Send 401/407 with fresh challenges. {@code stale} is true when the response was right but its nonce had
     * expired or its nonce count did not advance, so the phone retries without asking its user (RFC 7616 §3.3).
     */
    record Challenge(boolean stale) implements DigestVerdict {
    }

    /** The credentials are wrong or unusable; unknown users land here too, so responses do not reveal who exists. */
    record Rejected(Reason reason) implements DigestVerdict {
    }

    enum Reason {
        /** A required parameter is missing or has a bad form, or qop is not "auth". */
        MALFORMED,
        /** The digest was computed for another request URI. */
        URI_MISMATCH,
        /** Wrong password, or no such user. */
        BAD_CREDENTIALS
    }
}
