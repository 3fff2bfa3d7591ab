package org.parley.media.sdp;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.parley.media.control.MediaDirection;

/**
 * One {@code m=} section (RFC 4566 section 5.14) with its own connection address and attributes.
 *
 * @param formats the format list; for {@code RTP/AVP} these are payload type numbers, in preference order
 * @param connectionAddress the media-level {@code c=} address, if any (else the session's applies)
 */
public record MediaDescription(String media, int port, String protocol, List<String> formats,
                               Optional<String> connectionAddress, List<Attribute> attributes) {

    public MediaDescription {
        formats = List.copyOf(formats);
        attributes = List.copyOf(attributes);
    }

    public Optional<String> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst().flatMap(Attribute::value);
    }

    public boolean hasAttribute(String name) {
        return attributes.stream().anyMatch(a -> a.name().equals(name));
    }

    /** The {@code a=rtpmap} for a payload type, if given. */
    public Optional<RtpMap> rtpMap(int payloadType) {
        for (Attribute a : attributes) {
            if (a.name().equals("rtpmap") && a.value().isPresent()) {
                RtpMap map = SdpParser.parseRtpMap(a.value().get());
                if (map != null && map.payloadType() == payloadType) {
                    return Optional.of(map);
                }
            }
        }
        return Optional.empty();
    }

    /** The {@code a=fmtp} parameters for a payload type, if given. */
    public Optional<String> fmtp(int payloadType) {
        String prefix = payloadType + " ";
        return attributes.stream()
            .filter(a -> a.name().equals("fmtp") && a.value().isPresent() && a.value().get().startsWith(prefix))
            .map(a -> a.value().get().substring(prefix.length()).trim())
            .findFirst();
    }

    /** {@code a=ptime}: the packet time in ms the sender of this description would like to receive. */
    public OptionalInt ptime() {
        return number("ptime");
    }

    /** {@code a=maxptime} (RFC 4566 section 6): the longest packet time in ms this description's sender accepts. */
    public OptionalInt maxptime() {
        return number("maxptime");
    }

    private OptionalInt number(String name) {
        Optional<String> p = attribute(name);
        return p.isPresent() ? OptionalInt.of(Integer.parseInt(p.get().trim())) : OptionalInt.empty();
    }

    /** The direction attribute of this section, if it has one. */
    public Optional<MediaDirection> direction() {
        for (Attribute a : attributes) {
            if (a.value().isEmpty()) {
                Optional<MediaDirection> d = MediaDirection.fromSdp(a.name());
                if (d.isPresent()) {
                    return d;
                }
            }
        }
        return Optional.empty();
    }
}
