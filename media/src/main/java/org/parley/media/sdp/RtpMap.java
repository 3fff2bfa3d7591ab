package org.parley.media.sdp;

import java.util.Locale;

/** An {@code a=rtpmap} value (RFC 4566 section 6): payload type to encoding name, clock rate and channels. */
public record RtpMap(int payloadType, String encoding, int clockRate, int channels) {

    /** Whether this names the given encoding at the given rate; encoding names compare case-insensitively. */
    public boolean is(String encodingName, int rate) {
        return encoding.toUpperCase(Locale.ROOT).equals(encodingName.toUpperCase(Locale.ROOT)) && clockRate == rate;
    }

    String toValue() {
        return payloadType + " " + encoding + "/" + clockRate + (channels != 1 ? "/" + channels : "");
    }
}
