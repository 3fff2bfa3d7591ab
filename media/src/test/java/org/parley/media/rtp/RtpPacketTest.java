package org.parley.media.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class RtpPacketTest {

    @Test
    void readsAHandWrittenPacket() {
        // V=2, no P/X/CC; M=1, PT=0; seq 0x1234; ts 0xDEADBEEF; ssrc 0xCAFEBABE; payload 3 octets.
        byte[] bytes = {(byte) 0x80, (byte) 0x80, 0x12, 0x34, (byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF,
            (byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 1, 2, 3};
        RtpPacket p = new RtpPacket();
        assertTrue(p.wrap(ByteBuffer.wrap(bytes)));
        assertTrue(p.marker());
        assertEquals(0, p.payloadType());
        assertEquals(0x1234, p.sequenceNumber());
        assertEquals(0xDEADBEEFL, p.timestamp());
        assertEquals(0xCAFEBABEL, p.ssrc());
        assertEquals(12, p.payloadOffset());
        assertEquals(3, p.payloadLength());
        byte[] payload = new byte[3];
        p.copyPayload(payload, 0);
        assertArrayEquals(new byte[] {1, 2, 3}, payload);
    }

    @Test
    void writesAndReadsCsrcsExtensionAndPadding() {
        ByteBuffer out = ByteBuffer.allocate(200);
        out.position(5);
        int start = out.position();
        RtpPacketWriter.writeHeader(out, false, 101, 65535, 4_000_000_000L, 0xFFFFFFFFL,
            new long[] {7, 0x80000000L}, 0xBEDE, new byte[] {9, 9, 9, 9, 8, 8, 8, 8});
        out.put(new byte[] {10, 20, 30, 40, 50});
        RtpPacketWriter.pad(out, start, 4);
        assertEquals(0, (out.position() - start) % 4);
        out.flip().position(start);

        RtpPacket p = new RtpPacket();
        assertTrue(p.wrap(out), p.invalidReason());
        assertFalse(p.marker());
        assertTrue(p.padding());
        assertTrue(p.extension());
        assertEquals(101, p.payloadType());
        assertEquals(65535, p.sequenceNumber());
        assertEquals(4_000_000_000L, p.timestamp());
        assertEquals(0xFFFFFFFFL, p.ssrc());
        assertEquals(2, p.csrcCount());
        assertEquals(7, p.csrc(0));
        assertEquals(0x80000000L, p.csrc(1));
        assertEquals(0xBEDE, p.extensionProfile());
        assertEquals(8, p.extensionLength());
        assertEquals(12 + 8 + 4 + 8, p.payloadOffset());
        assertEquals(5, p.payloadLength());
        assertEquals(50, p.payloadOctet(4));
    }

    @Test
    void rejectsMalformedPackets() {
        RtpPacket p = new RtpPacket();
        assertFalse(p.wrap(ByteBuffer.wrap(new byte[11])));
        assertTrue(p.invalidReason().contains("12-octet"));

        byte[] v1 = new byte[12];
        v1[0] = 0x40;
        assertFalse(p.wrap(ByteBuffer.wrap(v1)));
        assertTrue(p.invalidReason().contains("version 1"));

        byte[] tooManyCsrcs = new byte[20];
        tooManyCsrcs[0] = (byte) 0x83;
        assertFalse(p.wrap(ByteBuffer.wrap(tooManyCsrcs)));

        byte[] padZero = new byte[14];
        padZero[0] = (byte) 0xA0;
        assertFalse(p.wrap(ByteBuffer.wrap(padZero)));
        assertTrue(p.invalidReason().contains("pad count is 0"));

        byte[] padTooLong = new byte[14];
        padTooLong[0] = (byte) 0xA0;
        padTooLong[13] = 10;
        assertFalse(p.wrap(ByteBuffer.wrap(padTooLong)));
    }
}
