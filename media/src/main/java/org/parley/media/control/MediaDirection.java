package org.parley.media.control;

import java.util.Locale;
import java.util.Optional;

/** The direction attribute of a media stream (RFC 4566 section 6, RFC 3264 section 5.1), as seen from its owner. */
public enum MediaDirection {
    SENDRECV(true, true),
    SENDONLY(true, false),
    RECVONLY(false, true),
    INACTIVE(false, false);

    private final boolean sends;
    private final boolean receives;

    MediaDirection(boolean sends, boolean receives) {
        this.sends = sends;
        this.receives = receives;
    }

    public boolean sends() {
        return sends;
    }

    public boolean receives() {
        return receives;
    }

    /** The attribute name as written in SDP, e.g. {@code sendrecv}. */
    public String sdpName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The direction the other side has: what one side sends, the other receives. */
    public MediaDirection reversed() {
        return of(receives, sends);
    }

    /** The direction allowed by both this side's wish and what the peer offers (RFC 3264 section 6.1). */
    public MediaDirection answerTo(MediaDirection offered) {
        return of(sends && offered.receives, receives && offered.sends);
    }

    public static MediaDirection of(boolean sends, boolean receives) {
        if (sends) {
            return receives ? SENDRECV : SENDONLY;
        }
        return receives ? RECVONLY : INACTIVE;
    }

    public static Optional<MediaDirection> fromSdp(String attribute) {
        for (MediaDirection d : values()) {
            if (d.sdpName().equals(attribute)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
