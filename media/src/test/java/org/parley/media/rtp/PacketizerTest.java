package org.parley.media.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parley.media.codec.g711.G711;

class PacketizerTest {

    private static final int FRAME = 160;

    /** One packet as it would go on the wire, and the tick (20 ms frame) after whose audio it went. */
    private record Sent(int sequence, long timestamp, boolean marker, byte[] payload, int tick) {
    }

    /** What the endpoint does each tick: add the frame, send every whole packet, in mu-law. */
    private static List<Sent> run(Packetizer p, short[] audio, int ticks) {
        List<Sent> sent = new ArrayList<>();
        byte[] encoded = new byte[480];
        for (int t = 0; t < ticks; t++) {
            p.add(audio, t * FRAME, FRAME);
            while (p.ready()) {
                int n = p.packetSamples();
                G711.PCMU.encode(p.samples(), 0, encoded, 0, n);
                sent.add(new Sent(p.sequence(), p.timestamp(), p.marker(), java.util.Arrays.copyOf(encoded, n), t));
                p.sent();
            }
        }
        return sent;
    }

    private static short[] sine(double hz, double amplitude, int samples) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / 8000));
        }
        return s;
    }

    @Test
    void packetsHaveTheNegotiatedSizeConsecutiveSequenceNumbersAndTimestampsAcrossWraps() {
        for (int ms : new int[] {10, 20, 30, 40, 60}) {
            int ticks = 150;
            // Start just below both wraps, so the 16-bit sequence number and the 32-bit timestamp wrap mid-stream.
            Packetizer p = new Packetizer(65530, 0xFFFFFFFFL - 1000);
            p.configure(ms, 1);
            List<Sent> sent = run(p, new short[ticks * FRAME], ticks);
            assertEquals(ticks * 20 / ms, sent.size(), ms + " ms");
            for (int k = 0; k < sent.size(); k++) {
                Sent s = sent.get(k);
                assertEquals(8 * ms, s.payload().length, ms + " ms packet " + k);
                assertEquals((65530 + k) & 0xFFFF, s.sequence(), ms + " ms packet " + k);
                assertEquals((0xFFFFFFFFL - 1000 + (long) k * 8 * ms) & 0xFFFFFFFFL, s.timestamp(), ms + " ms " + k);
                assertEquals(k == 0, s.marker(), "only the first packet starts a talkspurt");
            }
        }
    }

    @Test
    void tenMillisecondPacketsGoTwoPerTickAndThirtyTwoPerThreeTicks() {
        Packetizer ten = new Packetizer(0, 0);
        ten.configure(10, 1);
        int[] perTick = perTick(run(ten, new short[6 * FRAME], 6), 6);
        assertArrayEquals(new int[] {2, 2, 2, 2, 2, 2}, perTick);

        Packetizer thirty = new Packetizer(0, 0);
        thirty.configure(30, 1);
        perTick = perTick(run(thirty, new short[9 * FRAME], 9), 9);
        // 20 ms waits, 40 ms gives one packet and keeps 10 ms, 10 + 20 ms gives the second.
        assertArrayEquals(new int[] {0, 1, 1, 0, 1, 1, 0, 1, 1}, perTick);
    }

    private static int[] perTick(List<Sent> sent, int ticks) {
        int[] counts = new int[ticks];
        for (Sent s : sent) {
            counts[s.tick()]++;
        }
        return counts;
    }

    @Test
    void aSineCutIntoPacketsOfEverySizeDecodesContinuouslyAtItsTimestamps() {
        int ticks = 100;
        short[] tone = sine(441, 10_000, ticks * FRAME);
        for (int ms : new int[] {10, 20, 30, 40, 60}) {
            long first = 123_456_789L;
            Packetizer p = new Packetizer(7, first);
            p.configure(ms, 1);
            List<Sent> sent = run(p, tone, ticks);
            // The receiver places each payload at its timestamp; a gap, overlap or shifted packet would show.
            short[] heard = new short[ticks * FRAME];
            boolean[] covered = new boolean[heard.length];
            for (Sent s : sent) {
                int at = (int) (s.timestamp() - first);
                G711.PCMU.decode(s.payload(), 0, heard, at, s.payload().length);
                for (int i = 0; i < s.payload().length; i++) {
                    assertFalse(covered[at + i], ms + " ms: sample " + (at + i) + " sent twice");
                    covered[at + i] = true;
                }
            }
            int end = sent.size() * 8 * ms;
            for (int i = 0; i < end; i++) {
                assertTrue(covered[i], ms + " ms: sample " + i + " never sent");
            }
            double snr = snr(tone, heard, end);
            assertTrue(snr > 35, ms + " ms: SNR " + snr + " dB");
        }
    }

    private static double snr(short[] reference, short[] test, int length) {
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < length; i++) {
            signal += (double) reference[i] * reference[i];
            double d = reference[i] - test[i];
            noise += d * d;
        }
        return 10 * Math.log10(signal / Math.max(1, noise));
    }

    @Test
    void timestampsCountInTheFormatsClockAndRunOnThroughSilence() {
        Packetizer p = new Packetizer(100, 1_000);
        p.configure(20, 6);
        List<Sent> sent = run(p, new short[3 * FRAME], 3);
        assertEquals(List.of(1_000L, 1_960L, 2_920L), sent.stream().map(Sent::timestamp).toList());
        // Two silent ticks (held, or nowhere to send): no packets, but the clock runs and the next one is marked.
        p.skip(FRAME, true);
        p.skip(FRAME, true);
        assertEquals(3_880L + 2 * 960, p.timestamp());
        List<Sent> after = run(p, new short[FRAME], 1);
        assertEquals(3_880L + 2 * 960, after.get(0).timestamp());
        assertEquals(103, after.get(0).sequence(), "sequence numbers count packets, not time");
        assertTrue(after.get(0).marker());
    }

    @Test
    void skippingDropsTheHalfPacketWaitingAndKeepsTime() {
        Packetizer p = new Packetizer(0, 0);
        p.configure(30, 1);
        List<Sent> sent = run(p, new short[2 * FRAME], 2);
        assertEquals(1, sent.size());
        assertEquals(240, p.timestamp());
        assertEquals(320, p.now(), "10 ms waits in the packetizer");
        int eventSequence = p.nextSequence();
        assertEquals(1, eventSequence);
        p.skip(FRAME, false);
        assertEquals(240 + 80 + 160, p.timestamp());
        assertEquals(2, p.sequence());
        assertFalse(p.marker());
    }

    @Test
    void aPacketThatCouldNotBeMadeLeavesNoGapInSequenceNumbers() {
        Packetizer p = new Packetizer(10, 0);
        p.configure(20, 6);
        run(p, new short[FRAME], 1);
        p.add(new short[FRAME], 0, FRAME);
        p.dropped();
        List<Sent> after = run(p, new short[FRAME], 1);
        assertEquals(11, after.get(0).sequence(), "the receiver must not count the dropped packet as lost");
        assertEquals(2 * 960, after.get(0).timestamp(), "its time passed all the same");
        assertTrue(after.get(0).marker());
    }

    @Test
    void refusesPacketTimesItCannotCut() {
        Packetizer p = new Packetizer(0, 0);
        assertThrows(IllegalArgumentException.class, () -> p.configure(25, 1));
        assertThrows(IllegalArgumentException.class, () -> p.configure(0, 1));
        assertThrows(IllegalArgumentException.class, () -> p.configure(70, 1));
    }
}
