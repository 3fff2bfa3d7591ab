package org.parley.sip.registrar;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the binding table needs from a REGISTER: the address-of-record (from To), Call-ID, CSeq number, the Contact
 * entries (each with its {@code expires} parameter, if any) or the wildcard {@code *}, and the Expires header.
 * Expiry values are seconds; null means absent. {@code source} is where the REGISTER really came from
 * ({@code host:port}), when that is not where its contacts point: a phone behind NAT (RFC 3581).
 */
public record RegisterRequest(String addressOfRecord, String callId, long cseq, List<Contact> contacts,
                              boolean wildcard, Long expiresHeader, Optional<String> source) {

    public RegisterRequest {
        Objects.requireNonNull(addressOfRecord, "addressOfRecord");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(source, "source");
        contacts = List.copyOf(contacts);
    }

    public RegisterRequest(String addressOfRecord, String callId, long cseq, List<Contact> contacts,
                           boolean wildcard, Long expiresHeader) {
        this(addressOfRecord, callId, cseq, contacts, wildcard, expiresHeader, Optional.empty());
    }

    /** The same request, received from {@code hostPort}. */
    public RegisterRequest from(String hostPort) {
        return new RegisterRequest(addressOfRecord, callId, cseq, contacts, wildcard, expiresHeader,
                Optional.of(hostPort));
    }

    public static RegisterRequest of(String addressOfRecord, String callId, long cseq, Long expiresHeader,
                                     Contact... contacts) {
        return new RegisterRequest(addressOfRecord, callId, cseq, List.of(contacts), false, expiresHeader);
    }

    /** {@code Contact: *}: remove every binding of the address-of-record. */
    public static RegisterRequest wildcard(String addressOfRecord, String callId, long cseq, Long expiresHeader) {
        return new RegisterRequest(addressOfRecord, callId, cseq, List.of(), true, expiresHeader);
    }

    public record Contact(String uri, Long expires) {

        public Contact {
            Objects.requireNonNull(uri, "uri");
        }
    }
}
