package org.parley.media.codec.opus;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;

import org.parley.media.codec.AudioCodec;

/**
 * Opus as RFC 7587 carries it over RTP: always {@code opus/48000/2} in the rtpmap and a 48 kHz RTP clock whatever
 * the audio's real bandwidth and channels. We encode and decode at 8 kHz mono, the media server's internal format
 * (an Opus decoder renders any stream at any of its rates, mono or stereo), and say so in our fmtp: the peer need
 * not spend bits on audio above 4 kHz that we would throw away ({@code maxplaybackrate=8000}, section 6.1).
 *
 * <p>Decoding happens at 48 kHz and is then filtered down to 8 kHz here: Concentus 1.0.2 renders hybrid packets
 * (SILK and CELT together, what a browser sends for speech at 24-32 kbit/s) as silence at any rate below 48 kHz,
 * which we measured; decoding wide costs a little more and works for every mode.
 *
 * <p>We send in-band FEC when the peer's fmtp asks for it ({@code useinbandfec=1}) and honour its
 * {@code maxaveragebitrate}. Our own fmtp leaves {@code useinbandfec} at its default 0: lost packets are concealed by
 * the jitter buffer, and Concentus's FEC decoding gave nothing better than its concealment when we measured it.
 */
public final class Opus implements AudioCodec {

    /** The one instance: Opus has no variants to choose between in SDP. */
    public static final Opus CODEC = new Opus();
    /** The dynamic payload type we offer; the common choice of WebRTC peers, so their answers keep it. */
    public static final int PAYLOAD_TYPE = 111;
    /** The bit rate we send unless the peer caps it: near the top of narrowband speech's useful range. */
    static final int DEFAULT_BITRATE = 20_000;
    /** Loss we tell the encoder to expect when the peer wants FEC; without it the encoder adds none. */
    static final int EXPECTED_LOSS_PERCENT = 5;
    /**
     * Encoder effort, 0-10. Measured on Concentus at 8 kHz: 5 costs about half of 10's CPU for a tone SNR 0.4 dB
     * lower (21.1 against 21.5 dB); below 5 quality drops faster than cost.
     */
    static final int COMPLEXITY = 5;
    private static final int INTERNAL_RATE = 8000;
    /** Single-frame packet times, longest first (RFC 6716 section 2.1.4; 2.5 and 5 ms do not fit our 10 ms grid). */
    private static final int[] FRAME_MILLIS = {60, 40, 20, 10};

    private Opus() {
    }

    @Override
    public String encodingName() {
        return "opus";
    }

    @Override
    public int clockRate() {
        return 48000;
    }

    @Override
    public int channels() {
        return 2;
    }

    @Override
    public int payloadType() {
        return PAYLOAD_TYPE;
    }

    @Override
    public boolean staticPayloadType() {
        return false;
    }

    @Override
    public Optional<String> formatParameters() {
        return Optional.of("maxplaybackrate=8000;sprop-maxcapturerate=8000;stereo=0;sprop-stereo=0");
    }

    @Override
    public int packetMillis(int wantedMillis) {
        for (int ms : FRAME_MILLIS) {
            if (ms <= wantedMillis) {
                return ms;
            }
        }
        return FRAME_MILLIS[FRAME_MILLIS.length - 1];
    }

    /** RFC 7587 section 6.1: {@code a=fmtp} parameters are {@code name=value} pairs separated by semicolons. */
    static Map<String, String> parameters(String fmtp) {
        Map<String, String> map = new HashMap<>();
        for (String pair : fmtp.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(pair.substring(0, eq).trim().toLowerCase(Locale.ROOT), pair.substring(eq + 1).trim());
            }
        }
        return map;
    }

    @Override
    public Encoder newEncoder(String peerParameters) {
        Map<String, String> peer = parameters(peerParameters);
        int bitrate = DEFAULT_BITRATE;
        String cap = peer.get("maxaveragebitrate");
        if (cap != null) {
            try {
                // RFC 7587 section 6.1: 6000 to 510000 bits per second.
                bitrate = Math.max(6000, Math.min(bitrate, Integer.parseInt(cap)));
            } catch (NumberFormatException e) {
                // A malformed cap is no cap.
            }
        }
        boolean fec = "1".equals(peer.get("useinbandfec"));
        try {
            OpusEncoder encoder = new OpusEncoder(INTERNAL_RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
            encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
            encoder.setBitrate(bitrate);
            encoder.setComplexity(COMPLEXITY);
            encoder.setUseInbandFEC(fec);
            encoder.setPacketLossPercent(fec ? EXPECTED_LOSS_PERCENT : 0);
            return (pcm, offset, samples, out, outOffset, maxBytes) -> {
                try {
                    return encoder.encode(pcm, offset, samples, out, outOffset, maxBytes);
                } catch (OpusException | IllegalArgumentException e) {
                    return -1;
                }
            };
        } catch (OpusException e) {
            throw new IllegalStateException("Opus encoder for 8 kHz mono refused: " + e.getMessage(), e);
        }
    }

    @Override
    public Decoder newDecoder() {
        return new WideDecoder();
    }

    @Override
    public String toString() {
        return "opus/48000/2";
    }

    /**
     * An Opus decoder at 48 kHz followed by a low-pass filter and decimation by 6 to our 8 kHz. The filter is a
     * windowed sinc (Blackman window, 193 taps, cut off at 3.8 kHz), computed once: flat to about 3.1 kHz, and
     * more than 70 dB down from 4.5 kHz so wideband audio does not fold back into the telephone band.
     */
    static final class WideDecoder implements Decoder {

        static final int DECODE_RATE = 48000;
        static final int FACTOR = DECODE_RATE / INTERNAL_RATE;
        static final int TAPS = 193;
        private static final double CUTOFF_HZ = 3800;
        private static final float[] LOW_PASS = lowPass();
        /** The most one packet decodes to: 120 ms, the longest Opus packet (RFC 6716 section 3.2.5). */
        private static final int MAX_WIDE = DECODE_RATE * 120 / 1000;

        private final OpusDecoder decoder;
        /** The filter's history (the last TAPS - 1 wide samples) followed by the packet just decoded. */
        private final short[] wide = new short[TAPS - 1 + MAX_WIDE];

        WideDecoder() {
            try {
                decoder = new OpusDecoder(DECODE_RATE, 1);
            } catch (OpusException e) {
                throw new IllegalStateException("Opus decoder for 48 kHz mono refused: " + e.getMessage(), e);
            }
        }

        private static float[] lowPass() {
            float[] h = new float[TAPS];
            double sum = 0;
            int middle = (TAPS - 1) / 2;
            double fc = CUTOFF_HZ / DECODE_RATE;
            double[] v = new double[TAPS];
            for (int n = 0; n < TAPS; n++) {
                int k = n - middle;
                double sinc = k == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * k) / (Math.PI * k);
                double window = 0.42 - 0.5 * Math.cos(2 * Math.PI * n / (TAPS - 1))
                    + 0.08 * Math.cos(4 * Math.PI * n / (TAPS - 1));
                v[n] = sinc * window;
                sum += v[n];
            }
            for (int n = 0; n < TAPS; n++) {
                // Unity gain at 0 Hz, so levels pass unchanged.
                h[n] = (float) (v[n] / sum);
            }
            return h;
        }

        @Override
        public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset, int maxSamples) {
            int decoded;
            try {
                decoded = decoder.decode(payload, offset, length, wide, TAPS - 1,
                    Math.min(MAX_WIDE, maxSamples * FACTOR), false);
            } catch (OpusException | RuntimeException e) {
                // A corrupt packet from the network must cost that packet only.
                return -1;
            }
            if (decoded <= 0 || decoded % FACTOR != 0) {
                return -1;
            }
            int out = decoded / FACTOR;
            for (int j = 0; j < out; j++) {
                // Only every sixth output of the filter is wanted, so only those are computed.
                int start = j * FACTOR;
                float acc = 0;
                for (int t = 0; t < TAPS; t++) {
                    acc += LOW_PASS[t] * wide[start + t];
                }
                pcm[pcmOffset + j] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(acc)));
            }
            System.arraycopy(wide, decoded, wide, 0, TAPS - 1);
            return out;
        }
    }
}
