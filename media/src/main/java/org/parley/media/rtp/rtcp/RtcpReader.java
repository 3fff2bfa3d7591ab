package org.parley.media.rtp.rtcp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a compound RTCP packet (RFC 3550 section 6.1; layouts drawn on {@link RtcpWriter}): the sender info of an SR
 * and the report blocks of SRs and RRs. Other packet types (SDES, BYE, APP) are skipped by their length.
 */
public final class RtcpReader {

    /** What a compound packet said. */
    public record Compound(boolean senderReport, long senderSsrc, long ntpTimestamp, List<ReportBlock> blocks) {
    }

    private RtcpReader() {
    }

    /**
     * @return the compound's content, or null if it is not valid RTCP (wrong version, lengths that overrun, or
     *     not starting with SR or RR as section 6.1 requires)
     */
    public static Compound read(ByteBuffer packet) {
        int at = packet.position();
        int end = packet.limit();
        boolean first = true;
        boolean sr = false;
        long senderSsrc = 0;
        long ntp = 0;
        List<ReportBlock> blocks = new ArrayList<>();
        while (at + 4 <= end) {
            int b0 = packet.get(at) & 0xFF;
            int type = packet.get(at + 1) & 0xFF;
            int length = 4 * ((packet.getShort(at + 2) & 0xFFFF) + 1);
            if ((b0 >> 6) != 2 || at + length > end) {
                return null;
            }
            if (first && type != RtcpWriter.SR && type != RtcpWriter.RR) {
                return null;
            }
            int count = b0 & 0x1F;
            if (type == RtcpWriter.SR || type == RtcpWriter.RR) {
                int blocksAt = at + 8 + (type == RtcpWriter.SR ? 20 : 0);
                if (blocksAt + count * ReportBlock.LENGTH > at + length) {
                    return null;
                }
                if (first) {
                    senderSsrc = packet.getInt(at + 4) & 0xFFFFFFFFL;
                    if (type == RtcpWriter.SR) {
                        sr = true;
                        ntp = packet.getLong(at + 8);
                    }
                }
                for (int i = 0; i < count; i++) {
                    int p = blocksAt + i * ReportBlock.LENGTH;
                    int lossWord = packet.getInt(p + 4);
                    // Sign-extend the 24-bit cumulative loss.
                    int cumulative = (lossWord << 8) >> 8;
                    blocks.add(new ReportBlock(packet.getInt(p) & 0xFFFFFFFFL, (lossWord >>> 24) & 0xFF, cumulative,
                        packet.getInt(p + 8) & 0xFFFFFFFFL, packet.getInt(p + 12) & 0xFFFFFFFFL,
                        packet.getInt(p + 16) & 0xFFFFFFFFL, packet.getInt(p + 20) & 0xFFFFFFFFL));
                }
            }
            first = false;
            at += length;
        }
        if (first || at != end) {
            return null;
        }
        return new Compound(sr, senderSsrc, ntp, blocks);
    }
}
