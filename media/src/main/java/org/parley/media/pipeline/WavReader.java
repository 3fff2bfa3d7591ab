package org.parley.media.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.parley.media.codec.g711.G711;

/**
 * Loads a WAV prompt into 8 kHz mono linear PCM, ready to be played frame by frame.
 *
 * <p>Accepted: 16-bit PCM or G.711 (A-law, mu-law) at 8 kHz, and 16-bit PCM at 16 kHz, which is low-pass filtered
 * and decimated to 8 kHz; mono, or stereo mixed down. Anything else is refused with a message saying what the file
 * is and what would be accepted, so whoever uploaded it can fix it; guessing at a conversion would play noise.
 */
public final class WavReader {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_ALAW = 6;
    private static final int FORMAT_MULAW = 7;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    /**
     * Half-band low-pass for 16 kHz to 8 kHz: windowed sinc (Hamming), 33 taps, cut-off 3.6 kHz. Stop-band
     * rejection of about 50 dB above 4.6 kHz keeps folded-back aliases inaudible under the signal.
     */
    private static final double[] DECIMATION_FILTER = lowPass(33, 3600.0 / 16000);

    private WavReader() {
    }

    /**
     * @throws UnsupportedPromptException if the file is not a WAV file or its format is not accepted
     * @throws IOException if it cannot be read
     */
    public static short[] read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        String name = file.getFileName().toString();
        if (b.remaining() < 12 || b.getInt(0) != fourCc("RIFF") || b.getInt(8) != fourCc("WAVE")) {
            throw new UnsupportedPromptException(name + " is not a RIFF/WAVE file");
        }
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int position = 12;
        while (position + 8 <= b.limit()) {
            int id = b.getInt(position);
            long size = b.getInt(position + 4) & 0xFFFFFFFFL;
            int body = position + 8;
            if (id == fourCc("fmt ")) {
                if (size < 16 || body + 16 > b.limit()) {
                    throw new UnsupportedPromptException(name + ": fmt chunk too short");
                }
                format = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2) & 0xFFFF;
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14) & 0xFFFF;
                if (format == FORMAT_EXTENSIBLE && size >= 40) {
                    // The sub-format GUID starts with the plain format code.
                    format = b.getShort(body + 24) & 0xFFFF;
                }
            } else if (id == fourCc("data")) {
                if (format < 0) {
                    throw new UnsupportedPromptException(name + ": data chunk before fmt chunk");
                }
                // A recording cut short by a crash may claim more data than is there; play what is there.
                int length = (int) Math.min(size, b.limit() - body);
                return decode(name, b, body, length, format, channels, rate, bits);
            }
            position = (int) Math.min(b.limit(), body + size + (size & 1));
        }
        throw new UnsupportedPromptException(name + " has no data chunk");
    }

    private static short[] decode(String name, ByteBuffer b, int offset, int length, int format, int channels,
                                  int rate, int bits) throws UnsupportedPromptException {
        String what = name + " is " + describe(format, bits) + ", " + channels + " channel(s), " + rate + " Hz";
        String accepted = "; prompts must be 16-bit PCM at 8000 or 16000 Hz, or G.711 at 8000 Hz, mono or stereo";
        if (channels != 1 && channels != 2) {
            throw new UnsupportedPromptException(what + accepted);
        }
        boolean pcm16 = format == FORMAT_PCM && bits == 16;
        boolean g711 = (format == FORMAT_ALAW || format == FORMAT_MULAW) && bits == 8;
        if (!(pcm16 && (rate == 8000 || rate == 16000)) && !(g711 && rate == 8000)) {
            throw new UnsupportedPromptException(what + accepted);
        }
        int bytesPerSample = pcm16 ? 2 : 1;
        int frames = length / (bytesPerSample * channels);
        short[] mono = new short[frames];
        G711 law = format == FORMAT_ALAW ? G711.PCMA : G711.PCMU;
        for (int i = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = offset + (i * channels + c) * bytesPerSample;
                sum += pcm16 ? b.getShort(at) : law.decode(b.get(at));
            }
            mono[i] = (short) (sum / channels);
        }
        return rate == 16000 ? decimate(mono) : mono;
    }

    static short[] decimate(short[] in) {
        short[] out = new short[in.length / 2];
        int half = DECIMATION_FILTER.length / 2;
        for (int o = 0; o < out.length; o++) {
            int centre = 2 * o;
            double acc = 0;
            for (int k = 0; k < DECIMATION_FILTER.length; k++) {
                int i = centre + k - half;
                if (i >= 0 && i < in.length) {
                    acc += DECIMATION_FILTER[k] * in[i];
                }
            }
            out[o] = AudioFormat.clamp((int) Math.round(acc));
        }
        return out;
    }

    private static double[] lowPass(int taps, double cutoff) {
        double[] h = new double[taps];
        int m = taps - 1;
        double sum = 0;
        for (int n = 0; n < taps; n++) {
            double x = n - m / 2.0;
            double sinc = x == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
            h[n] = sinc * (0.54 - 0.46 * Math.cos(2 * Math.PI * n / m));
            sum += h[n];
        }
        for (int n = 0; n < taps; n++) {
            h[n] /= sum;
        }
        return h;
    }

    private static String describe(int format, int bits) {
        return switch (format) {
            case FORMAT_PCM -> bits + "-bit PCM";
            case FORMAT_ALAW -> "A-law";
            case FORMAT_MULAW -> "mu-law";
            default -> "WAV format code " + format;
        };
    }

    private static int fourCc(String s) {
        return (s.charAt(0)) | (s.charAt(1) << 8) | (s.charAt(2) << 16) | (s.charAt(3) << 24);
    }
}
