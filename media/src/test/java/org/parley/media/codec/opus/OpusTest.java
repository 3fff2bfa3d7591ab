package org.parley.media.codec.opus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusMode;
import io.github.jaredmdobson.concentus.OpusPacketInfo;

import org.junit.jupiter.api.Test;
import org.parley.media.codec.AudioCodec;

class OpusTest {

    private static final int FRAME = 160;

    private static short[] sine(double hz, double amplitude, int samples) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / 8000));
        }
        return s;
    }

    /** Encodes and decodes {@code in} in packets of {@code packet} samples, as two ends of a call would. */
    private static short[] roundTrip(short[] in, int packet, String peerFmtp) {
        AudioCodec.Encoder encoder = Opus.CODEC.newEncoder(peerFmtp);
        AudioCodec.Decoder decoder = Opus.CODEC.newDecoder();
        short[] out = new short[in.length];
        byte[] payload = new byte[1500];
        for (int at = 0; at + packet <= in.length; at += packet) {
            int bytes = encoder.encode(in, at, packet, payload, 0, payload.length);
            assertTrue(bytes > 0 && bytes < 400, "payload of " + bytes + " bytes");
            assertEquals(packet, decoder.decode(payload, 0, bytes, out, at, packet));
        }
        return out;
    }

    /**
     * SNR of {@code out} against {@code in} delayed by the codec's look-ahead, found as the lag that maximises it;
     * the first half second (the encoder settling) is left out.
     */
    static double snr(short[] in, short[] out) {
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = 0; lag < 200; lag++) {
            double signal = 0;
            double noise = 0;
            for (int i = 4000; i + lag < out.length; i++) {
                double s = in[i];
                double d = out[i + lag] - s;
                signal += s * s;
                noise += d * d;
            }
            best = Math.max(best, 10 * Math.log10(signal / Math.max(1, noise)));
        }
        return best;
    }

    @Test
    void aSineSurvivesEncodingAndDecodingAt8kHz() {
        short[] tone = sine(440, 8000, 8000 * 3);
        double snr = snr(tone, roundTrip(tone, FRAME, ""));
        System.getLogger(OpusTest.class.getName()).log(System.Logger.Level.INFO, "Opus 440 Hz SNR " + snr + " dB");
        assertTrue(snr > 15, "SNR " + snr + " dB");
        short[] speechBand = sine(1004, 8000, 8000 * 3);
        double snr1k = snr(speechBand, roundTrip(speechBand, FRAME, ""));
        assertTrue(snr1k > 15, "1004 Hz SNR " + snr1k + " dB");
    }

    @Test
    void everyPacketTimeWeSendDecodesToItsLength() {
        short[] tone = sine(700, 6000, 8000 * 2);
        for (int ms : new int[] {10, 20, 40, 60}) {
            double snr = snr(tone, roundTrip(tone, 8 * ms, ""));
            assertTrue(snr > 12, ms + " ms: SNR " + snr + " dB");
        }
        assertEquals(20, Opus.CODEC.packetMillis(30), "Opus has no 30 ms frame");
        assertEquals(60, Opus.CODEC.packetMillis(60));
        assertEquals(40, Opus.CODEC.packetMillis(50));
        assertEquals(10, Opus.CODEC.packetMillis(10));
    }

    @Test
    void sendsForwardErrorCorrectionWhenThePeerAsksForIt() {
        short[] tone = sine(500, 8000, 8000 * 2);
        // In-band FEC repeats each frame at a lower rate inside the next packet: the stream grows.
        assertTrue(bytesFor(tone, "useinbandfec=1") > bytesFor(tone, "useinbandfec=0") * 1.05);
        assertEquals(bytesFor(tone, ""), bytesFor(tone, "useinbandfec=0"));
    }

    /** Encodes a 48 kHz tone as a browser would (hybrid SILK + CELT at 32 kbit/s) and decodes it with ours. */
    private static short[] fromABrowser(double hz, int frames) throws Exception {
        OpusEncoder browser = new OpusEncoder(48000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        browser.setBitrate(32_000);
        AudioCodec.Decoder decoder = Opus.CODEC.newDecoder();
        short[] wide = new short[960];
        byte[] payload = new byte[1500];
        short[] out = new short[frames * FRAME];
        for (int k = 0; k < frames; k++) {
            for (int n = 0; n < 960; n++) {
                wide[n] = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * (k * 960 + n) / 48000));
            }
            int bytes = browser.encode(wide, 0, 960, payload, 0, payload.length);
            if (k == frames - 1) {
                assertEquals(OpusMode.MODE_HYBRID, OpusPacketInfo.getEncoderMode(payload, 0), "what browsers send");
            }
            assertEquals(FRAME, decoder.decode(payload, 0, bytes, out, k * FRAME, 640));
        }
        return out;
    }

    @Test
    void aBrowsersFullBandStreamIsHeardAt8kHzWithoutFoldingBack() throws Exception {
        short[] tone = fromABrowser(1000, 100);
        double rms = rms(tone, 4000, tone.length);
        assertEquals(0, 20 * Math.log10(rms / (8000 / Math.sqrt(2))), 1.5, "1 kHz arrives at its level");
        // 6 kHz is above what 8 kHz sampling holds; without the filter it would come back as a 2 kHz tone.
        short[] high = fromABrowser(6000, 100);
        assertTrue(rms(high, 4000, high.length) < rms / 100, "6 kHz folded back at RMS " + rms(high, 4000, high.length));
    }

    private static double rms(short[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    @Test
    void readsThePeersFormatParameters() {
        Map<String, String> p = Opus.parameters("minptime=10; useinbandfec=1;MaxAverageBitrate=12000");
        assertEquals("10", p.get("minptime"));
        assertEquals("1", p.get("useinbandfec"));
        assertEquals("12000", p.get("maxaveragebitrate"));
        assertTrue(Opus.parameters("").isEmpty());
        // A peer's cap on our bit rate shows in the size of what we send.
        short[] tone = sine(440, 8000, 8000);
        assertTrue(bytesFor(tone, "maxaveragebitrate=8000") < bytesFor(tone, "") * 0.75);
    }

    private static int bytesFor(short[] in, String fmtp) {
        AudioCodec.Encoder encoder = Opus.CODEC.newEncoder(fmtp);
        byte[] payload = new byte[1500];
        int total = 0;
        for (int at = 0; at + FRAME <= in.length; at += FRAME) {
            total += encoder.encode(in, at, FRAME, payload, 0, payload.length);
        }
        return total;
    }
}
