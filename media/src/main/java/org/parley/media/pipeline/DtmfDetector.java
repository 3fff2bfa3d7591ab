package org.parley.media.pipeline;

/**
 * Finds DTMF digits in audio with the Goertzel algorithm, for carriers that send digits in-band rather than as
 * RFC 4733 events.
 *
 * <p>Audio is cut into blocks of 205 samples (25.6 ms), the classic size whose resolution separates the eight
 * ITU-T Q.23 frequencies. A block holds a digit when the strongest row and column tones are loud enough, stand
 * clear of the other tones of their group, are in a plausible level ratio (twist), and together carry most of the
 * block's energy; the last test is what keeps speech and music, whose energy spreads over many frequencies, from
 * faking digits. A digit is reported after two consecutive blocks agree (about 51 ms, within Q.24's 40 ms minimum
 * tone plus margin) and only once until the tone stops.
 *
 * <p>Not thread-safe; one per inbound stream.
 */
public final class DtmfDetector {

    /** Returned by {@link #process} when no new digit began. */
    public static final char NO_DIGIT = 0;

    private static final int BLOCK = 205;
    private static final double[] FREQUENCIES = {697, 770, 852, 941, 1209, 1336, 1477, 1633};
    private static final String KEYPAD = "123A456B789C*0#D";
    /** Below -32 dBm0 per tone is not a phone's DTMF (Q.24 asks for acceptance down to about -25 dBm0). */
    private static final double MIN_TONE_ENERGY = energyOfSine(AudioFormat.peakOf(-32));
    /** Forward twist up to 8 dB and reverse twist up to 4 dB, as Q.24 and most receivers allow. */
    private static final double MAX_TWIST_FORWARD = Math.pow(10, 8 / 10.0);
    private static final double MAX_TWIST_REVERSE = Math.pow(10, 4 / 10.0);
    /** The winning tone must beat the others of its group by 8 dB. */
    private static final double GROUP_MARGIN = Math.pow(10, 8 / 10.0);
    /** The two tones must carry this share of the block's energy; speech never concentrates so much in two. */
    private static final double MIN_ENERGY_SHARE = 0.75;

    private static final double[] COEFFICIENTS = new double[FREQUENCIES.length];

    static {
        for (int i = 0; i < FREQUENCIES.length; i++) {
            COEFFICIENTS[i] = 2 * Math.cos(2 * Math.PI * FREQUENCIES[i] / AudioFormat.SAMPLE_RATE);
        }
    }

    private final short[] block = new short[BLOCK];
    private final double[] energy = new double[FREQUENCIES.length];
    private int filled;
    private char candidate = NO_DIGIT;
    private char reported = NO_DIGIT;

    /**
     * Feeds samples; returns the digit that began within them, or {@link #NO_DIGIT}. Frames shorter than a block
     * can report at most one digit each.
     */
    public char process(short[] samples, int offset, int length) {
        char began = NO_DIGIT;
        int n = offset;
        int end = offset + length;
        while (n < end) {
            int take = Math.min(end - n, BLOCK - filled);
            System.arraycopy(samples, n, block, filled, take);
            filled += take;
            n += take;
            if (filled == BLOCK) {
                filled = 0;
                char digit = evaluateBlock();
                if (digit != NO_DIGIT && digit == candidate && digit != reported) {
                    reported = digit;
                    began = digit;
                } else if (digit == NO_DIGIT) {
                    reported = NO_DIGIT;
                }
                candidate = digit;
            }
        }
        return began;
    }

    private char evaluateBlock() {
        double total = 0;
        for (short x : block) {
            total += (double) x * x;
        }
        // Two tones each at the minimum level carry at least this much; quieter blocks (silence, most of a call's
        // listening time) need no filtering at all.
        if (total < 2 * MIN_TONE_ENERGY) {
            return NO_DIGIT;
        }
        // Four filters (one tone group) per pass over the block: each filter's recurrence depends on its previous
        // step, so one filter alone waits on the multiplier's latency; four independent ones keep it busy and still
        // fit in registers: three times faster than one filter at a time (CodecBenchmark's DTMF figure).
        for (int g = 0; g < COEFFICIENTS.length; g += 4) {
            double c0 = COEFFICIENTS[g];
            double c1 = COEFFICIENTS[g + 1];
            double c2 = COEFFICIENTS[g + 2];
            double c3 = COEFFICIENTS[g + 3];
            double a1 = 0;
            double a2 = 0;
            double b1 = 0;
            double b2 = 0;
            double d1 = 0;
            double d2 = 0;
            double e1 = 0;
            double e2 = 0;
            for (short sample : block) {
                double x = sample;
                double a = x + c0 * a1 - a2;
                double b = x + c1 * b1 - b2;
                double d = x + c2 * d1 - d2;
                double e = x + c3 * e1 - e2;
                a2 = a1;
                a1 = a;
                b2 = b1;
                b1 = b;
                d2 = d1;
                d1 = d;
                e2 = e1;
                e1 = e;
            }
            energy[g] = goertzelEnergy(a1, a2, c0);
            energy[g + 1] = goertzelEnergy(b1, b2, c1);
            energy[g + 2] = goertzelEnergy(d1, d2, c2);
            energy[g + 3] = goertzelEnergy(e1, e2, c3);
        }

        int row = strongest(0);
        int column = strongest(4);
        double r = energy[row];
        double c = energy[column];
        if (r < MIN_TONE_ENERGY || c < MIN_TONE_ENERGY) {
            return NO_DIGIT;
        }
        if (c > r * MAX_TWIST_FORWARD || r > c * MAX_TWIST_REVERSE) {
            return NO_DIGIT;
        }
        for (int k = 0; k < 4; k++) {
            if (k != row && energy[k] * GROUP_MARGIN > r) {
                return NO_DIGIT;
            }
            if (k + 4 != column && energy[k + 4] * GROUP_MARGIN > c) {
                return NO_DIGIT;
            }
        }
        if (r + c < MIN_ENERGY_SHARE * total) {
            return NO_DIGIT;
        }
        return KEYPAD.charAt(row * 4 + column - 4);
    }

    /** |X|^2 of a Goertzel filter's output, scaled by 2/N so that a sine's estimate equals its energy in the block. */
    private static double goertzelEnergy(double s1, double s2, double c) {
        return 2 * (s1 * s1 + s2 * s2 - c * s1 * s2) / BLOCK;
    }

    private int strongest(int from) {
        int best = from;
        for (int k = from + 1; k < from + 4; k++) {
            if (energy[k] > energy[best]) {
                best = k;
            }
        }
        return best;
    }

    private static double energyOfSine(double peak) {
        return peak * peak / 2 * BLOCK;
    }
}
