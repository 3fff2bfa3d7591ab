package org.parley.media.codec.cn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ComfortNoiseTest {

    @Test
    void levelsFollowTheMuLawSquareWaveReference() {
        assertEquals(32124, ComfortNoise.rmsOf(0), 1e-9);
        // RFC 3389 section 3.1's example: 0 dBov is 6.18 dBm0, so -40 dBov is a noise 46.18 dB under 0 dBm0.
        double zeroDbm0Rms = 32124 / Math.pow(10, 3.17 / 20) / Math.sqrt(2);
        assertEquals(6.18 - 40, 20 * Math.log10(ComfortNoise.rmsOf(40) / zeroDbm0Rms), 0.05);
        assertEquals(0, ComfortNoise.rmsOf(127));
        assertEquals(60, ComfortNoise.levelFor(ComfortNoise.rmsOf(60)));
        assertEquals(127, ComfortNoise.levelFor(0));
        assertEquals(0, ComfortNoise.levelFor(40_000));
        assertEquals(45, ComfortNoise.levelOf((byte) 45));
        assertEquals(45, ComfortNoise.levelOf((byte) (0x80 | 45)), "the top bit is unused");
        assertThrows(IllegalArgumentException.class, () -> ComfortNoise.rmsOf(128));
    }

    @Test
    void noiseHasTheRequestedRmsAndNoDc() {
        ComfortNoise noise = new ComfortNoise(1);
        short[] s = new short[8000];
        for (int level : new int[] {30, 50, 70}) {
            double rms = ComfortNoise.rmsOf(level);
            noise.fill(s, 0, s.length, rms);
            double sum = 0;
            double squares = 0;
            for (short v : s) {
                sum += v;
                squares += (double) v * v;
            }
            double measured = Math.sqrt(squares / s.length);
            assertEquals(0, 20 * Math.log10(measured / rms), 0.3, "level " + level);
            assertEquals(0, sum / s.length, rms * 0.05, "mean at level " + level);
        }
        short[] other = new short[160];
        new ComfortNoise(2).fill(other, 0, 160, ComfortNoise.rmsOf(30));
        noise.fill(s, 0, 160, ComfortNoise.rmsOf(30));
        assertNotEquals(java.util.Arrays.toString(other), java.util.Arrays.toString(java.util.Arrays.copyOf(s, 160)));
    }
}
