package org.parley.media.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.parley.media.control.MediaDirection;

/**
 * A parsed or built session description (RFC 4566). Only what audio offer/answer needs is modelled; other lines
 * ({@code b=}, {@code k=}, repeat times) are accepted by the parser and not kept.
 *
 * @param connectionAddress the session-level {@code c=} address, if any
 */
public record SessionDescription(Origin origin, String sessionName, Optional<String> connectionAddress,
                                 List<Attribute> attributes, List<MediaDescription> media) {

    /** The {@code o=} line: who made the description, and its version, which grows with every change. */
    public record Origin(String username, long sessionId, long version, String address) {
    }

    public SessionDescription {
        Objects.requireNonNull(origin, "origin");
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    /** The address RTP for a section goes to: its own {@code c=}, else the session's. */
    public Optional<String> addressOf(MediaDescription m) {
        return m.connectionAddress().or(() -> connectionAddress);
    }

    /** The direction of a section: its own attribute, else the session's, else sendrecv (RFC 4566 section 6). */
    public MediaDirection directionOf(MediaDescription m) {
        return m.direction().orElseGet(() -> attributes.stream()
            .filter(a -> a.value().isEmpty())
            .map(a -> MediaDirection.fromSdp(a.name()))
            .flatMap(Optional::stream)
            .findFirst()
            .orElse(MediaDirection.SENDRECV));
    }

    /** Writes the description with CRLF line ends, as RFC 4566 section 5 requires. */
    public String toSdp() {
        StringBuilder b = new StringBuilder();
        line(b, "v=0");
        line(b, "o=" + origin.username() + " " + origin.sessionId() + " " + origin.version() + " IN "
            + addressType(origin.address()) + " " + origin.address());
        line(b, "s=" + (sessionName.isEmpty() ? "-" : sessionName));
        connectionAddress.ifPresent(a -> line(b, "c=IN " + addressType(a) + " " + a));
        line(b, "t=0 0");
        for (Attribute a : attributes) {
            line(b, a.toLine());
        }
        for (MediaDescription m : media) {
            line(b, "m=" + m.media() + " " + m.port() + " " + m.protocol() + " " + String.join(" ", m.formats()));
            m.connectionAddress().ifPresent(a -> line(b, "c=IN " + addressType(a) + " " + a));
            for (Attribute a : m.attributes()) {
                line(b, a.toLine());
            }
        }
        return b.toString();
    }

    private static String addressType(String address) {
        return address.indexOf(':') >= 0 ? "IP6" : "IP4";
    }

    private static void line(StringBuilder b, String line) {
        b.append(line).append("\r\n");
    }
}
