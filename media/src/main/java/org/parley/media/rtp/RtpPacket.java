package org.parley.media.rtp;

import java.nio.ByteBuffer;

/**
 * A read-only view of one RTP packet in a {@link ByteBuffer}, reused from packet to packet so the receive path
 * allocates nothing. The header, from RFC 3550 section 5.1:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      defined by profile       |           length              |  (if X: section 5.3.1,
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+   length in 32-bit words)
 * |                        header extension                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            payload ...   | padding | pad count|  (if P: the last octet
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+   counts the padding octets)
 * </pre>
 *
 * <p>Not thread-safe; one per receiving thread.
 */
public final class RtpPacket {

    /** The fixed part of the header, before CSRCs and extension. */
    public static final int FIXED_HEADER_LENGTH = 12;

    private ByteBuffer buffer;
    private int start;
    private int payloadOffset;
    private int payloadLength;
    private String invalidReason = "no packet";

    /**
     * Points this view at the bytes between the buffer's position and limit (which are not changed).
     *
     * @return whether they form a valid RTP version 2 packet; if not, {@link #invalidReason()} says why
     */
    public boolean wrap(ByteBuffer packet) {
        this.buffer = packet;
        this.start = packet.position();
        int length = packet.remaining();
        if (length < FIXED_HEADER_LENGTH) {
            return invalid("shorter than the 12-octet fixed header");
        }
        int first = packet.get(start) & 0xFF;
        if ((first >> 6) != 2) {
            return invalid("version " + (first >> 6) + ", not 2");
        }
        int offset = FIXED_HEADER_LENGTH + 4 * (first & 0x0F);
        if ((first & 0x10) != 0) {
            if (length < offset + 4) {
                return invalid("extension header cut short");
            }
            offset += 4 + 4 * (packet.getShort(start + offset + 2) & 0xFFFF);
        }
        int padding = 0;
        if ((first & 0x20) != 0) {
            padding = packet.get(start + length - 1) & 0xFF;
            if (padding == 0) {
                return invalid("padding bit set but pad count is 0");
            }
        }
        if (offset + padding > length) {
            return invalid("header and padding longer than the packet");
        }
        payloadOffset = offset;
        payloadLength = length - offset - padding;
        invalidReason = null;
        return true;
    }

    private boolean invalid(String reason) {
        invalidReason = reason;
        return false;
    }

    /** Why the last {@link #wrap} failed, or null if it succeeded. */
    public String invalidReason() {
        return invalidReason;
    }

    public boolean padding() {
        return (octet(0) & 0x20) != 0;
    }

    public boolean extension() {
        return (octet(0) & 0x10) != 0;
    }

    public int csrcCount() {
        return octet(0) & 0x0F;
    }

    public long csrc(int index) {
        if (index < 0 || index >= csrcCount()) {
            throw new IndexOutOfBoundsException("CSRC " + index + " of " + csrcCount());
        }
        return buffer.getInt(start + FIXED_HEADER_LENGTH + 4 * index) & 0xFFFFFFFFL;
    }

    /** The profile-defined 16 bits of the header extension; only meaningful if {@link #extension()}. */
    public int extensionProfile() {
        return buffer.getShort(start + FIXED_HEADER_LENGTH + 4 * csrcCount()) & 0xFFFF;
    }

    /** Length of the header extension's data in octets (excluding its 4-octet preamble). */
    public int extensionLength() {
        return extension() ? 4 * (buffer.getShort(start + FIXED_HEADER_LENGTH + 4 * csrcCount() + 2) & 0xFFFF) : 0;
    }

    public boolean marker() {
        return (octet(1) & 0x80) != 0;
    }

    public int payloadType() {
        return octet(1) & 0x7F;
    }

    public int sequenceNumber() {
        return buffer.getShort(start + 2) & 0xFFFF;
    }

    public long timestamp() {
        return buffer.getInt(start + 4) & 0xFFFFFFFFL;
    }

    public long ssrc() {
        return buffer.getInt(start + 8) & 0xFFFFFFFFL;
    }

    /** Offset of the payload relative to the start of the packet. */
    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** Copies the payload into {@code target} at {@code offset}; returns the number of octets copied. */
    public int copyPayload(byte[] target, int offset) {
        buffer.get(start + payloadOffset, target, offset, payloadLength);
        return payloadLength;
    }

    public int payloadOctet(int index) {
        return buffer.get(start + payloadOffset + index) & 0xFF;
    }

    private int octet(int index) {
        return buffer.get(start + index) & 0xFF;
    }
}
