package org.parley.media.rtp.rtcp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes the compound RTCP packets an endpoint sends every few seconds: a sender report (SR, while we send) or a
 * receiver report (RR), each followed by an SDES with our CNAME, as RFC 3550 section 6.1 requires of every compound
 * packet. The sender report, from section 6.4.1:
 *
 * <pre>
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    RC   |   PT=SR=200   |             length            |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                         SSRC of sender                        |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * sender |              NTP timestamp, most significant word             |
 * info   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |             NTP timestamp, least significant word             |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                         RTP timestamp                         |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                     sender's packet count                     |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                      sender's octet count                     |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * report |                 SSRC_1 (SSRC of first source)                 |
 * block  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        | fraction lost |       cumulative number of packets lost       |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |           extended highest sequence number received           |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                      interarrival jitter                      |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                         last SR (LSR)                         |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                   delay since last SR (DLSR)                  |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * </pre>
 *
 * The receiver report (PT 201) is the same without the sender info. Lengths count 32-bit words minus one.
 */
public final class RtcpWriter {

    static final int SR = 200;
    static final int RR = 201;
    static final int SDES = 202;
    private static final int CNAME = 1;

    private RtcpWriter() {
    }

    /** Writes an SR with at most one report block ({@code block} may be null) at the buffer's position. */
    public static void writeSenderReport(ByteBuffer out, long ssrc, long ntpTimestamp, long rtpTimestamp,
                                         long packetCount, long octetCount, ReportBlock block) {
        int count = block == null ? 0 : 1;
        out.put((byte) (0x80 | count));
        out.put((byte) SR);
        out.putShort((short) (6 + 6 * count));
        out.putInt((int) ssrc);
        out.putLong(ntpTimestamp);
        out.putInt((int) rtpTimestamp);
        out.putInt((int) packetCount);
        out.putInt((int) octetCount);
        if (block != null) {
            writeBlock(out, block);
        }
    }

    /** Writes an RR with at most one report block at the buffer's position. */
    public static void writeReceiverReport(ByteBuffer out, long ssrc, ReportBlock block) {
        int count = block == null ? 0 : 1;
        out.put((byte) (0x80 | count));
        out.put((byte) RR);
        out.putShort((short) (1 + 6 * count));
        out.putInt((int) ssrc);
        if (block != null) {
            writeBlock(out, block);
        }
    }

    /** Writes an SDES packet with one chunk holding the CNAME item (section 6.5), padded to a 32-bit boundary. */
    public static void writeSdesCname(ByteBuffer out, long ssrc, String cname) {
        byte[] text = cname.getBytes(StandardCharsets.UTF_8);
        if (text.length > 255) {
            throw new IllegalArgumentException("CNAME longer than 255 octets");
        }
        // SSRC, type, length, text, then at least one zero octet ending the item list, up to a word boundary.
        int chunk = 4 + 2 + text.length;
        int padded = (chunk + 4) / 4 * 4;
        out.put((byte) 0x81);
        out.put((byte) SDES);
        out.putShort((short) (padded / 4));
        out.putInt((int) ssrc);
        out.put((byte) CNAME);
        out.put((byte) text.length);
        out.put(text);
        for (int i = chunk; i < padded; i++) {
            out.put((byte) 0);
        }
    }

    private static void writeBlock(ByteBuffer out, ReportBlock b) {
        out.putInt((int) b.ssrc());
        out.putInt((b.fractionLost() << 24) | (b.cumulativeLost() & 0xFFFFFF));
        out.putInt((int) b.extendedHighestSequence());
        out.putInt((int) b.jitter());
        out.putInt((int) b.lastSenderReport());
        out.putInt((int) b.delaySinceLastSenderReport());
    }

    /** The 64-bit NTP timestamp (seconds since 1900 and a binary fraction) of a Unix-epoch instant. */
    public static long ntpTimestamp(long epochSeconds, int nanos) {
        long seconds = epochSeconds + 2_208_988_800L;
        long fraction = ((long) nanos << 32) / 1_000_000_000L;
        return (seconds << 32) | fraction;
    }

    /** The middle 32 bits of an NTP timestamp, as used in LSR (16.16 fixed-point seconds). */
    public static long middle(long ntpTimestamp) {
        return (ntpTimestamp >>> 16) & 0xFFFFFFFFL;
    }
}
