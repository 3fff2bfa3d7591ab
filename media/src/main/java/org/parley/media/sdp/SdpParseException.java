package org.parley.media.sdp;

/** A session description that does not follow RFC 4566's grammar; the message names the line and what is wrong. */
public class SdpParseException extends SdpException {

    private final int lineNumber;

    public SdpParseException(int lineNumber, String line, String problem) {
        super("SDP line " + lineNumber + " \"" + line + "\": " + problem);
        this.lineNumber = lineNumber;
    }

    /** The 1-based line number of the offending line, or 0 if the problem is the description as a whole. */
    public int lineNumber() {
        return lineNumber;
    }
}
