package org.parley.media.rtp;

import java.nio.ByteBuffer;

/**
 * Writes RTP headers (RFC 3550 section 5.1; layout drawn on {@link RtpPacket}) into a caller's buffer, so the send
 * path can reuse one buffer per stream.
 */
public final class RtpPacketWriter {

    private RtpPacketWriter() {
    }

    /**
     * Writes a fixed header with no CSRC and no extension at the buffer's position and advances it by 12.
     */
    public static void writeHeader(ByteBuffer out, boolean marker, int payloadType, int sequenceNumber,
                                   long timestamp, long ssrc) {
        writeHeader(out, marker, payloadType, sequenceNumber, timestamp, ssrc, NO_CSRCS, 0, null);
    }

    private static final long[] NO_CSRCS = new long[0];

    /**
     * Writes a full header at the buffer's position and advances it past the header.
     *
     * @param csrcs up to 15 contributing sources (a mixer lists the streams it mixed, RFC 3550 section 7.1)
     * @param extensionData null for none, else a multiple of 4 octets carried under {@code extensionProfile}
     */
    public static void writeHeader(ByteBuffer out, boolean marker, int payloadType, int sequenceNumber,
                                   long timestamp, long ssrc, long[] csrcs, int extensionProfile,
                                   byte[] extensionData) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
        if (csrcs.length > 15) {
            throw new IllegalArgumentException("at most 15 CSRCs fit the 4-bit count: " + csrcs.length);
        }
        if (extensionData != null && extensionData.length % 4 != 0) {
            throw new IllegalArgumentException("extension length must be a multiple of 4: " + extensionData.length);
        }
        int first = 0x80 | csrcs.length | (extensionData != null ? 0x10 : 0);
        out.put((byte) first);
        out.put((byte) ((marker ? 0x80 : 0) | payloadType));
        out.putShort((short) sequenceNumber);
        out.putInt((int) timestamp);
        out.putInt((int) ssrc);
        for (long csrc : csrcs) {
            out.putInt((int) csrc);
        }
        if (extensionData != null) {
            out.putShort((short) extensionProfile);
            out.putShort((short) (extensionData.length / 4));
            out.put(extensionData);
        }
    }

    /**
     * Pads the packet that starts at {@code packetStart} and ends at the buffer's position to a multiple of
     * {@code blockSize} octets (e.g. for a cipher), setting the P bit and the pad count (RFC 3550 section 5.1).
     */
    public static void pad(ByteBuffer out, int packetStart, int blockSize) {
        int length = out.position() - packetStart;
        // Always at least one octet: the pad count itself is padding.
        int padding = blockSize - length % blockSize;
        for (int i = 1; i < padding; i++) {
            out.put((byte) 0);
        }
        out.put((byte) padding);
        out.put(packetStart, (byte) (out.get(packetStart) | 0x20));
    }
}
