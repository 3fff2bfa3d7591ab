package org.parley.media.sdp;

/** A well-formed description we cannot agree to, typically because it shares no codec with us. */
public class SdpNegotiationException extends SdpException {

    public SdpNegotiationException(String message) {
        super(message);
    }
}
