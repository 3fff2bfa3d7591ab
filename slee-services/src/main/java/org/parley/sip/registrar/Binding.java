package org.parley.sip.registrar;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One contact bound to an address-of-record, with the Call-ID and CSeq of the REGISTER that last set it (RFC 3261
 * §10.3 uses them to order updates).
 */
public record Binding(String contact, Instant expiresAt, String callId, long cseq, Optional<String> source) {

    public Binding {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(source, "source");
    }

    public Binding(String contact, Instant expiresAt, String callId, long cseq) {
        this(contact, expiresAt, callId, cseq, Optional.empty());
    }

    /**
     * Where to send a request for this binding: the contact, or, when the phone registered from another address
     * than its contact names (behind NAT, RFC 3581), the contact with its host and port replaced by that source —
     * the address the NAT maps back to the phone.
     */
    public String target() {
        return source.map(hostPort -> withHostPort(contact, hostPort)).orElse(contact);
    }

    static String withHostPort(String uri, String hostPort) {
        int[] bounds = hostBounds(uri);
        return uri.substring(0, bounds[0]) + hostPort + uri.substring(bounds[1]);
    }

    /** {@code sip:1001@192.0.2.10:5062;transport=tcp} → {@code 192.0.2.10:5062}; 5060 when the URI names no port. */
    static String hostPortOf(String uri) {
        int[] bounds = hostBounds(uri);
        String hostPort = uri.substring(bounds[0], bounds[1]);
        boolean hasPort = hostPort.startsWith("[") ? hostPort.contains("]:") : hostPort.contains(":");
        return hasPort ? hostPort : hostPort + ":5060";
    }

    /** Start and end of the host[:port] part of a SIP URI (after user@, before parameters or headers). */
    private static int[] hostBounds(String uri) {
        int at = uri.indexOf('@');
        int start = at >= 0 ? at + 1 : uri.indexOf(':') + 1;
        int end = start;
        if (end < uri.length() && uri.charAt(end) == '[') {
            end = uri.indexOf(']', end) + 1;
        }
        while (end < uri.length() && ";?>".indexOf(uri.charAt(end)) < 0) {
            end++;
        }
        return new int[] {start, end};
    }

    /** What the 200 OK puts in the contact's {@code expires} parameter. */
    public long remainingSeconds(Instant now) {
        return Math.max(0, Duration.between(now, expiresAt).toSeconds());
    }

    boolean isExpiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
