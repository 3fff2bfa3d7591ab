package org.parley.media.sdp;

/**
 * A session description could not be used. Subclasses tell SIP call control which response fits: unparseable
 * ({@link SdpParseException}, 400) or unacceptable ({@link SdpNegotiationException}, 488).
 */
public abstract class SdpException extends Exception {

    protected SdpException(String message) {
        super(message);
    }
}
