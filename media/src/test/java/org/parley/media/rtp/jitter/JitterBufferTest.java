package org.parley.media.rtp.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.parley.media.rtp.jitter.JitterBuffer.Arrival;

class JitterBufferTest {

    private static final long BASE = 4_294_960_000L; // close to 2^32, so the timestamps wrap during the tests

    private static short[] frame(int value, int samples) {
        short[] f = new short[samples];
        Arrays.fill(f, (short) value);
        return f;
    }

    private static long ts(int frameIndex) {
        return (BASE + 160L * frameIndex) & 0xFFFFFFFFL;
    }

    /**
     * Plays {@code ticks} frames and returns the first sample of each, from the first non-silent one on, cut to
     * {@code frames} entries so the concealment after the last packet is left out.
     */
    private static List<Integer> drain(JitterBuffer jb, int ticks, int frames) {
        List<Integer> heard = new ArrayList<>();
        short[] out = new short[160];
        for (int i = 0; i < ticks; i++) {
            jb.read(out);
            if (out[0] != 0 || !heard.isEmpty()) {
                heard.add((int) out[0]);
            }
        }
        return heard.subList(0, Math.min(frames, heard.size()));
    }

    @Test
    void releasesReorderedPacketsInOrderAcrossTheTimestampWrap() {
        JitterBuffer jb = new JitterBuffer(20, 200);
        for (int k : new int[] {1, 3, 2, 5, 4, 6}) {
            assertEquals(Arrival.ACCEPTED, jb.put(ts(k), frame(k * 1000, 160), 0, 160));
        }
        assertEquals(List.of(1000, 2000, 3000, 4000, 5000, 6000), drain(jb, 12, 6));
        assertEquals(0, jb.late());
    }

    @Test
    void dropsDuplicatesAndLatePackets() {
        JitterBuffer jb = new JitterBuffer(20, 200);
        jb.put(ts(0), frame(100, 160), 0, 160);
        jb.put(ts(1), frame(200, 160), 0, 160);
        assertEquals(Arrival.DUPLICATE, jb.put(ts(1), frame(999, 160), 0, 160));
        assertEquals(List.of(100, 200), drain(jb, 6, 2));
        assertEquals(Arrival.LATE, jb.put(ts(1), frame(300, 160), 0, 160));
        assertEquals(1, jb.duplicates());
        assertEquals(1, jb.late());
    }

    @Test
    void concealsAMissingFrameByFadingRepetitionThenSilence() {
        JitterBuffer jb = new JitterBuffer(20, 200);
        jb.put(ts(0), frame(8000, 160), 0, 160);
        jb.put(ts(2), frame(3000, 160), 0, 160);
        short[] out = new short[160];
        int played = 0;
        while (out[0] != 8000 && played++ < 10) {
            jb.read(out);
        }
        jb.read(out);
        assertEquals(8000, out[0]);
        assertEquals(4000, out[100]);
        jb.read(out);
        assertEquals(3000, out[0]);
        assertEquals(2, jb.concealedBlocks());
        for (int i = 0; i < 6; i++) {
            jb.read(out);
        }
        assertEquals(0, out[0]);
    }

    @Test
    void acceptsTenAndThirtyMillisecondPackets() {
        JitterBuffer jb = new JitterBuffer(20, 200);
        long t = 1000;
        for (int k = 1; k <= 6; k++) {
            jb.put(t, frame(k, 80), 0, 80);
            t += 80;
        }
        for (int k = 7; k <= 8; k++) {
            jb.put(t, frame(k, 240), 0, 240);
            t += 240;
        }
        short[] all = new short[160 * 10];
        short[] out = new short[160];
        for (int i = 0; i < 10; i++) {
            jb.read(out);
            System.arraycopy(out, 0, all, 160 * i, 160);
        }
        int first = 0;
        while (all[first] == 0) {
            first++;
        }
        for (int k = 1; k <= 6; k++) {
            assertEquals(k, all[first + 80 * (k - 1)]);
        }
        assertEquals(7, all[first + 480]);
        assertEquals(8, all[first + 480 + 240]);
        assertEquals(8, all[first + 480 + 479]);
        assertThrows(IllegalArgumentException.class, () -> jb.put(0, new short[100], 0, 100));
    }

    @Test
    void adaptsItsDelayToJitterWithinBounds() {
        JitterBuffer jb = new JitterBuffer(20, 200);
        Random random = new Random(1);
        int sent = 3000;
        // Packets sent every 20 ms; the network adds 0-80 ms for the first half (the first packet is quick, so
        // the starting delay is too short), nearly nothing after.
        PriorityQueue<long[]> inFlight = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        for (int k = 0; k < sent; k++) {
            long jitter = k == 0 ? 0 : k < sent / 2 ? random.nextInt(81) : random.nextInt(2);
            inFlight.add(new long[] {20L * k + jitter, k});
        }
        short[] out = new short[160];
        int maxDelay = 0;
        long lateAtHalf = 0;
        long latencyAtHalf = 0;
        long latencyAtEnd = 0;
        for (long now = 0; now < 20L * sent; now += 20) {
            while (!inFlight.isEmpty() && inFlight.peek()[0] <= now) {
                int k = (int) inFlight.poll()[1];
                jb.put(ts(k), frame(1 + k % 1000, 160), 0, 160);
            }
            jb.read(out);
            maxDelay = Math.max(maxDelay, jb.delayMillis());
            // From send to playout: which frame is playing now tells how long it waited.
            long latency = Math.floorMod(now / 20 - (out[0] - 1), 1000) * 20L;
            if (now == 20L * (sent / 2 - 1)) {
                lateAtHalf = jb.late();
                latencyAtHalf = latency;
            }
            latencyAtEnd = latency;
        }
        assertTrue(maxDelay <= 200);
        assertTrue(lateAtHalf > 0, "the starting delay was too short for 80 ms of jitter");
        // Adaptation stops the losses: only a few packets of the jittery half were late.
        assertTrue(lateAtHalf < 15, "late while adapting: " + lateAtHalf);
        assertTrue(latencyAtHalf >= 80 && latencyAtHalf <= 140, "latency under 80 ms jitter: " + latencyAtHalf);
        assertEquals(lateAtHalf, jb.late(), "no packet late once calm");
        assertTrue(latencyAtEnd <= 60, "latency once calm: " + latencyAtEnd);
        assertTrue(jb.delayMillis() >= 20);
    }

    @Test
    void restartsOnATimestampJumpAndCapsTheDelay() {
        JitterBuffer jb = new JitterBuffer(20, 100);
        jb.put(1000, frame(5, 160), 0, 160);
        assertEquals(Arrival.RESYNCED, jb.put(1000 + 8000 * 60, frame(6, 160), 0, 160));
        assertEquals(List.of(6, 6, 1), drain(jb, 6, 3), "the frame, then its fading concealment");
        assertEquals(1, jb.resyncs());

        JitterBuffer capped = new JitterBuffer(20, 100);
        // A burst of 300 ms arriving at once: only 100 ms may wait, the oldest is skipped.
        for (int k = 0; k < 15; k++) {
            capped.put(ts(k), frame(k + 1, 160), 0, 160);
        }
        assertTrue(capped.overflowBlocks() > 0);
        List<Integer> heard = drain(capped, 20, 20).stream().filter(v -> v > 0 && v <= 15).toList();
        assertTrue(heard.contains(15) && !heard.contains(1), "played " + heard);
        assertFalse(new JitterBuffer().read(new short[160]));
    }

    @Test
    void restartStartsANewTimelineForANewSource() {
        JitterBuffer jb = new JitterBuffer(20, 200);
        jb.put(5000, frame(5, 160), 0, 160);
        drain(jb, 4, 1);
        jb.restart();
        // Close to the old timeline, yet a new source: must not be taken as late.
        assertEquals(Arrival.ACCEPTED, jb.put(4000, frame(9, 160), 0, 160));
        assertEquals(List.of(9), drain(jb, 4, 1));
        assertEquals(0, jb.late());
    }

    /**
     * A talker, then an RFC 3389 CN packet and two seconds without packets, then the talker again, played one frame
     * per packet as the clock would; returns the frames heard, each frame's samples in order.
     */
    private static short[][] talkSilenceTalk(JitterBuffer jb, boolean sendComfortNoise, int minusDbov) {
        int ticks = 200;
        short[][] heard = new short[ticks][160];
        for (int k = 0; k < ticks; k++) {
            if (k < 50 || k >= 150) {
                jb.put(ts(k), frame(5000, 160), 0, 160);
            } else if (k == 50 && sendComfortNoise) {
                jb.putComfortNoise(ts(50), org.parley.media.codec.cn.ComfortNoise.rmsOf(minusDbov));
            }
            jb.read(heard[k]);
        }
        return heard;
    }

    private static double rmsOf(short[][] frames, int from, int to) {
        double sum = 0;
        int n = 0;
        for (int k = from; k < to; k++) {
            for (short v : frames[k]) {
                sum += (double) v * v;
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }

    @Test
    void comfortNoiseFillsTheSilenceAtTheSignalledLevelAndIsNotConcealment() {
        for (int level : new int[] {40, 55, 70}) {
            JitterBuffer jb = new JitterBuffer(20, 200);
            short[][] heard = talkSilenceTalk(jb, true, level);
            double expected = org.parley.media.codec.cn.ComfortNoise.rmsOf(level);
            // Frames 50-149 were silent at the sender; the buffer's 40 ms delay shifts them by two ticks.
            double measured = rmsOf(heard, 53, 151);
            assertEquals(0, 20 * Math.log10(measured / expected), 0.5, "level -" + level + " dBov");
            assertEquals(0, jb.concealedBlocks(), "a silent sender that said so is not missing");
            assertEquals(2 * 100, jb.comfortNoiseBlocks());
            assertEquals(5000, heard[160][0], "speech after the silence plays");
            assertEquals(5000, heard[160][159]);
            assertEquals(5000, heard[40][0]);
        }
    }

    @Test
    void withoutComfortNoiseTheSameSilenceIsConcealedThenQuiet() {
        JitterBuffer jb = new JitterBuffer(20, 200);
        short[][] heard = talkSilenceTalk(jb, false, 0);
        assertTrue(jb.concealedBlocks() >= 200, "concealed " + jb.concealedBlocks());
        assertEquals(0, jb.comfortNoiseBlocks());
        assertEquals(0, rmsOf(heard, 60, 150), "silence after 60 ms of fading repetition");
    }

    @Test
    void comfortNoiseUpdatesItsLevelAndEndsWithSpeechThatOvertookIt() {
        JitterBuffer jb = new JitterBuffer(20, 200);
        short[][] heard = new short[120][160];
        for (int k = 0; k < 120; k++) {
            if (k < 10) {
                jb.put(ts(k), frame(3000, 160), 0, 160);
            } else if (k == 10) {
                jb.putComfortNoise(ts(10), org.parley.media.codec.cn.ComfortNoise.rmsOf(40));
            } else if (k == 60) {
                // RFC 3389 section 4: a new CN packet during the same silence changes its level.
                jb.putComfortNoise(ts(60), org.parley.media.codec.cn.ComfortNoise.rmsOf(60));
            } else if (k == 100) {
                // Speech resumes; a stale CN packet from before it arrives just after and changes nothing.
                jb.put(ts(100), frame(3000, 160), 0, 160);
                jb.putComfortNoise(ts(99), org.parley.media.codec.cn.ComfortNoise.rmsOf(20));
            } else if (k > 100) {
                jb.put(ts(k), frame(3000, 160), 0, 160);
            }
            jb.read(heard[k]);
        }
        assertEquals(0, 20 * Math.log10(rmsOf(heard, 15, 60) / org.parley.media.codec.cn.ComfortNoise.rmsOf(40)),
            0.7);
        assertEquals(0, 20 * Math.log10(rmsOf(heard, 65, 100) / org.parley.media.codec.cn.ComfortNoise.rmsOf(60)),
            0.7);
        for (int k = 103; k < 120; k++) {
            assertEquals(3000, heard[k][0], "frame " + k);
        }
        assertEquals(0, jb.concealedBlocks());
    }
}
