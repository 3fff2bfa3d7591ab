package org.parley.sip.call;

import java.util.Optional;

import org.parley.media.control.MediaDirection;
import org.parley.media.sdp.MediaDescription;
import org.parley.media.sdp.SdpParseException;
import org.parley.media.sdp.SdpParser;
import org.parley.media.sdp.SessionDescription;

/**
 * Reads from a re-INVITE's offer whether its sender holds the call: the direction of the first audio stream, as the
 * media module's parser understands SDP.
 */
public final class SdpDirection {

    private static final String UNSPECIFIED_ADDRESS = "0.0.0.0";

    private SdpDirection() {
    }

    /**
     * The direction the offer's audio asks for: empty when there is no offer (a re-INVITE without body asks us to
     * offer, RFC 3261 §14.2) or no audio stream. A refused stream (port 0) and the RFC 2543 hold address
     * {@code c=0.0.0.0}, which RFC 3264 §8.4 says answerers must still understand, mean the sender receives nothing.
     *
     * @throws SdpParseException if the body is not valid SDP (the SBB answers 400)
     */
    public static Optional<MediaDirection> offered(String sdp) throws SdpParseException {
        if (sdp == null || sdp.isBlank()) {
            return Optional.empty();
        }
        SessionDescription description = SdpParser.parse(sdp);
        for (MediaDescription media : description.media()) {
            if (media.media().equals("audio")) {
                MediaDirection direction = description.directionOf(media);
                if (media.port() == 0) {
                    return Optional.of(MediaDirection.INACTIVE);
                }
                if (description.addressOf(media).filter(UNSPECIFIED_ADDRESS::equals).isPresent()) {
                    return Optional.of(MediaDirection.of(direction.sends(), false));
                }
                return Optional.of(direction);
            }
        }
        return Optional.empty();
    }

    /** RFC 3264 §8.4: an offer that does not want to receive (sendonly, inactive) puts the peer on hold. */
    public static boolean holds(MediaDirection offered) {
        return !offered.receives();
    }
}
