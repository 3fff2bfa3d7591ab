package org.parley.media.rtp.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.parley.media.rtp.ReceptionStatistics;

class RtcpTest {

    @Test
    void senderReportWithBlockAndSdesRoundTrips() {
        ByteBuffer b = ByteBuffer.allocate(200);
        long ntp = RtcpWriter.ntpTimestamp(1_700_000_000L, 500_000_000);
        ReportBlock block = new ReportBlock(0xABCDEF01L, 12, -3, 70_000, 42, 0x12345678L, 65536);
        RtcpWriter.writeSenderReport(b, 0x11223344L, ntp, 160_000, 500, 80_000, block);
        assertEquals(52, b.position());
        RtcpWriter.writeSdesCname(b, 0x11223344L, "ep@parley");
        assertEquals(0, b.position() % 4);
        b.flip();
        // Header of the SR: V=2, RC=1, PT=200, length 12 words - 1.
        assertEquals((byte) 0x81, b.get(0));
        assertEquals((byte) 200, b.get(1));
        assertEquals(12, b.getShort(2));

        RtcpReader.Compound c = RtcpReader.read(b);
        assertTrue(c.senderReport());
        assertEquals(0x11223344L, c.senderSsrc());
        assertEquals(ntp, c.ntpTimestamp());
        assertEquals(block, c.blocks().get(0));
    }

    @Test
    void ntpTimestampsFollowTheEra() {
        long ntp = RtcpWriter.ntpTimestamp(0, 500_000_000);
        assertEquals(2_208_988_800L, ntp >>> 32);
        assertEquals(0x80000000L, ntp & 0xFFFFFFFFL);
        assertEquals(((2_208_988_800L & 0xFFFF) << 16) | 0x8000, RtcpWriter.middle(ntp));
    }

    @Test
    void receiverReportCarriesIntervalLoss() {
        ReceptionStatistics stats = new ReceptionStatistics(8000);
        for (int i = 0; i < 100; i++) {
            if (i % 10 != 3) {
                stats.onPacket(77, i, 160L * i, 20_000_000L * i);
            }
        }
        ReportBlock first = stats.reportBlock(0, 0);
        assertEquals(77, first.ssrc());
        assertEquals(10, first.cumulativeLost());
        // Sequence numbers 0-99 expected, 3, 13, ... 93 missing: 10 of 100.
        assertEquals(10 * 256 / 100, first.fractionLost());
        for (int i = 100; i < 200; i++) {
            stats.onPacket(77, i, 160L * i, 20_000_000L * i);
        }
        ReportBlock second = stats.reportBlock(0, 0);
        assertEquals(0, second.fractionLost());
        assertEquals(10, second.cumulativeLost());
        assertEquals(199, second.extendedHighestSequence());

        ByteBuffer b = ByteBuffer.allocate(100);
        RtcpWriter.writeReceiverReport(b, 5, second);
        RtcpWriter.writeSdesCname(b, 5, "x");
        b.flip();
        RtcpReader.Compound c = RtcpReader.read(b);
        assertFalse(c.senderReport());
        assertEquals(second, c.blocks().get(0));
    }

    @Test
    void rejectsWhatIsNotRtcp() {
        assertNull(RtcpReader.read(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0, 0, 1, 0, 0, 0, 0})));
        ByteBuffer sdesFirst = ByteBuffer.allocate(40);
        RtcpWriter.writeSdesCname(sdesFirst, 1, "a");
        sdesFirst.flip();
        assertNull(RtcpReader.read(sdesFirst));
        ByteBuffer truncated = ByteBuffer.allocate(100);
        RtcpWriter.writeReceiverReport(truncated, 1, new ReportBlock(2, 0, 0, 0, 0, 0, 0));
        truncated.flip().limit(20);
        assertNull(RtcpReader.read(truncated));
    }
}
