package org.parley.acd;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the SIP registrar reports agents' phone registrations. Each change becomes an event on the topic
 * ({@code sip.Registered}, {@code sip.Refreshed}, {@code sip.Unregistered}, {@code sip.Expired}), and when a phone
 * stops (or starts again) being reachable the ACD is told, so it offers nothing to an agent whose phone is gone.
 * Called from SLEE event threads and the expiry sweep: implementations hand the news on and never block.
 */
public interface PhonePresence {

    /**
     * One contact's change: REGISTERED, REFRESHED, UNREGISTERED or EXPIRED, with the Call-ID and CSeq of the
     * REGISTER that set it (RFC 3261 §10.3 orders updates by them, so they are kept with the binding), and the
     * address it came from when that differs from the contact's (behind NAT).
     */
    record ContactChange(String kind, String contact, Instant expiresAt, String callId, long cseq,
            Optional<String> source) {
    }

    /** A binding as the event log last saw it, for restoring the location service after a restart. */
    record KnownBinding(String sipDomain, String extension, String contact, Instant expiresAt, String callId,
            long cseq, Optional<String> source) {
    }

    /**
     * @param reachable whether the extension still has at least one live binding after these changes
     */
    void changed(String sipDomain, String extension, List<ContactChange> changes, boolean reachable, Instant at);

    /**
     * The bindings still live at {@code now} according to the registration events since {@code since} (the longest
     * registration the registrar grants): what the location service held when it stopped. Events handed in but not
     * yet written when the process died are lost, so a phone may need its next refresh to be found again.
     */
    List<KnownBinding> lastKnownBindings(Instant since, Instant now);
}
