package org.parley.acd;

import java.time.Instant;
import java.util.List;

/**
 * Where the SIP registrar reports agents' phone registrations. Each change becomes an event on the topic
 * ({@code sip.Registered}, {@code sip.Refreshed}, {@code sip.Unregistered}, {@code sip.Expired}), and when a phone
 * stops (or starts again) being reachable the ACD is told, so it offers nothing to an agent whose phone is gone.
 * Called from SLEE event threads and the expiry sweep: implementations hand the news on and never block.
 */
public interface PhonePresence {

    /** One contact's change: REGISTERED, REFRESHED, UNREGISTERED or EXPIRED. */
    record ContactChange(String kind, String contact, Instant expiresAt) {
    }

    /**
     * @param reachable whether the extension still has at least one live binding after these changes
     */
    void changed(String sipDomain, String extension, List<ContactChange> changes, boolean reachable, Instant at);
}
