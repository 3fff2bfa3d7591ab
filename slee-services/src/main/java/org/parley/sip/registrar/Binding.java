package org.parley.sip.registrar;

import java.time.Duration;
import java.time.Instant;

/**
 * One contact bound to an address-of-record, with the Call-ID and CSeq of the REGISTER that last set it (RFC 3261
 * §10.3 uses them to order updates).
 */
public record Binding(String contact, Instant expiresAt, String callId, long cseq) {

    /** What the 200 OK puts in the contact's {@code expires} parameter. */
    public long remainingSeconds(Instant now) {
        return Math.max(0, Duration.between(now, expiresAt).toSeconds());
    }

    boolean isExpiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
