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
        for (int k = 0; k < COEFFICIENTS.length; k++) {
            // One filter at a time over the whole block keeps its state in registers: several times faster than
            // advancing all eight filters sample by sample.
            double c = COEFFICIENTS[k];
            double s1 = 0;
            double s2 = 0;
            for (short x : block) {
                double s = x + c * s1 - s2;
                s2 = s1;
                s1 = s;
            }
            // |X|^2 of the Goertzel output, scaled by 2/N so that a sine's estimate equals its energy in the block.
            energy[k] = 2 * (s1 * s1 + s2 * s2 - c * s1 * s2) / BLOCK;
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
