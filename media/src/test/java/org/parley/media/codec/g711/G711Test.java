package org.parley.media.codec.g711;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class G711Test {

    @Test
    void muLawReferenceValues() {
        assertEquals((byte) 0xFF, G711.PCMU.encode((short) 0));
        assertEquals((byte) 0x7F, G711.PCMU.encode((short) -1));
        assertEquals(0, G711.PCMU.decode((byte) 0xFF));
        assertEquals(0, G711.PCMU.decode((byte) 0x7F));
        assertEquals(32124, G711.PCMU.decode((byte) 0x80));
        assertEquals(-32124, G711.PCMU.decode((byte) 0x00));
        assertEquals((byte) 0x80, G711.PCMU.encode(Short.MAX_VALUE));
        assertEquals((byte) 0x00, G711.PCMU.encode(Short.MIN_VALUE));
        // Segment 3, step 1: decision interval 956..1019 in 16-bit units, reconstructed at its middle.
        assertEquals(988, G711.PCMU.decode(G711.PCMU.encode((short) 1000)));
    }

    @Test
    void aLawReferenceValues() {
        assertEquals((byte) 0xD5, G711.PCMA.encode((short) 0));
        assertEquals((byte) 0x55, G711.PCMA.encode((short) -1));
        assertEquals(8, G711.PCMA.decode((byte) 0xD5));
        assertEquals(-8, G711.PCMA.decode((byte) 0x55));
        assertEquals(32256, G711.PCMA.decode((byte) 0xAA));
        assertEquals(-32256, G711.PCMA.decode((byte) 0x2A));
        assertEquals((byte) 0xAA, G711.PCMA.encode(Short.MAX_VALUE));
        assertEquals((byte) 0x2A, G711.PCMA.encode(Short.MIN_VALUE));
    }

    @Test
    void everyCodeSurvivesDecodeAndEncode() {
        for (G711 law : G711.values()) {
            for (int c = 0; c < 256; c++) {
                byte code = (byte) c;
                short value = law.decode(code);
                byte again = law.encode(value);
                if (law == G711.PCMU && value == 0) {
                    // Mu-law has two zeros (0xFF, 0x7F); both decode to 0, which encodes to the positive one.
                    assertEquals((byte) 0xFF, again);
                } else {
                    assertEquals(code, again, law + " code " + c);
                }
            }
        }
    }

    @Test
    void decodedValuesAreMonotonicInMagnitude() {
        for (G711 law : G711.values()) {
            int previous = -1;
            for (int s = 0; s <= Short.MAX_VALUE; s += 7) {
                int v = law.decode(law.encode((short) s));
                assertTrue(v >= previous, law + " not monotonic at " + s);
                previous = v;
            }
        }
    }

    @Test
    void roundTripSnrOverSineSweepIsAboutThirtyEightDecibels() {
        for (G711 law : G711.values()) {
            for (double amplitude : new double[] {2000, 8000, 16000}) {
                double snr = sweepSnr(law, amplitude);
                assertTrue(snr > 35 && snr < 41, law + " at amplitude " + amplitude + ": SNR " + snr + " dB");
            }
        }
    }

    @Test
    void transcodingMatchesDecodeThenEncode() {
        byte[] codes = new byte[256];
        for (int c = 0; c < 256; c++) {
            codes[c] = (byte) c;
        }
        G711.PCMU.transcode(codes, 0, 256, G711.PCMA);
        for (int c = 0; c < 256; c++) {
            assertEquals(G711.PCMA.encode(G711.PCMU.decode((byte) c)), codes[c]);
        }
        G711.PCMA.transcode(codes, 0, 256, G711.PCMU);
        for (int c = 0; c < 256; c++) {
            int original = G711.PCMU.decode((byte) c);
            int twice = G711.PCMU.decode(codes[c]);
            // Two quantizations: the error stays within a few percent of the value (a step of the coarser law).
            assertTrue(Math.abs(original - twice) <= Math.max(16, Math.abs(original) / 16), "code " + c);
        }
    }

    @Test
    void bufferEncodeAndDecodeMatchSingleSamples() {
        short[] pcm = {0, 100, -100, 5000, -5000, 32767, -32768};
        byte[] out = new byte[pcm.length + 2];
        G711.PCMA.encode(pcm, 0, out, 2, pcm.length);
        short[] back = new short[pcm.length];
        G711.PCMA.decode(out, 2, back, 0, pcm.length);
        for (int i = 0; i < pcm.length; i++) {
            assertEquals(G711.PCMA.encode(pcm[i]), out[i + 2]);
            assertEquals(G711.PCMA.decode(out[i + 2]), back[i]);
        }
        assertEquals(G711.PCMA, G711.byPayloadType(8).orElseThrow());
        assertEquals(G711.PCMU, G711.byEncodingName("pcmu").orElseThrow());
    }

    private static double sweepSnr(G711 law, double amplitude) {
        double signal = 0;
        double noise = 0;
        double phase = 0;
        int samples = 8000 * 2;
        for (int n = 0; n < samples; n++) {
            double frequency = 200 + 3200.0 * n / samples;
            phase += 2 * Math.PI * frequency / 8000;
            short s = (short) Math.round(amplitude * Math.sin(phase));
            int e = law.decode(law.encode(s)) - s;
            signal += (double) s * s;
            noise += (double) e * e;
        }
        return 10 * Math.log10(signal / noise);
    }
}
