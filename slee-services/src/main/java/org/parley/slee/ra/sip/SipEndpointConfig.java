package org.parley.slee.ra.sip;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the adaptor listens and how it sheds load.
 *
 * @param address       the bind address
 * @param port          one port for every transport (RFC 3261 §18: UDP and TCP share 5060 by default)
 * @param transports    {@code udp}, {@code tcp}
 * @param retryAfter    what a 503 tells a client to wait before retrying
 * @param maxTransactions the stack's server and client transaction tables' bound; the notes saw an unbounded table
 *                      fill the heap under flood and kill the UDP thread, so keep it near JAIN SIP's default
 *                      (10,000); past it the stack stops taking new requests instead of falling over
 * @param advertisedAddress what Via sent-by and Contact carry (a public address behind NAT, DESIGN.md "Ports"); the
 *                      bind address unless set
 */
public record SipEndpointConfig(String address, int port, List<String> transports, Duration retryAfter,
                                int maxTransactions, String advertisedAddress) {

    public static final int DEFAULT_PORT = 5060;

    public SipEndpointConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(advertisedAddress, "advertisedAddress");
        transports = List.copyOf(transports);
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("at least one transport");
        }
    }

    /** Advertising the bind address. */
    public SipEndpointConfig(String address, int port, List<String> transports, Duration retryAfter,
                             int maxTransactions) {
        this(address, port, transports, retryAfter, maxTransactions, address);
    }

    /** UDP and TCP on the given address and port, Retry-After 5 s, 10,000 transactions. */
    public static SipEndpointConfig of(String address, int port) {
        return new SipEndpointConfig(address, port, List.of("udp", "tcp"), Duration.ofSeconds(5), 10_000);
    }

    public SipEndpointConfig withAdvertisedAddress(String advertised) {
        return new SipEndpointConfig(address, port, transports, retryAfter, maxTransactions, advertised);
    }
}
