package org.parley.media.pipeline;

/** The one internal audio format: 16-bit signed linear PCM, 8 kHz, 20 ms frames. */
public final class AudioFormat {

    public static final int SAMPLE_RATE = 8000;
    public static final int FRAME_MILLIS = 20;
    public static final int FRAME_SAMPLES = SAMPLE_RATE * FRAME_MILLIS / 1000;

    /**
     * Peak amplitude of a 0 dBm0 sine in 16-bit samples. G.711 puts a full-scale sine at +3.17 dBm0
     * (ITU-T G.711 section 4), and its largest mu-law value is 32124 (G.711 table 2a), hence 32124 / 10^(3.17/20).
     */
    public static final double ZERO_DBM0_PEAK = 32124 / Math.pow(10, 3.17 / 20);

    private AudioFormat() {
    }

    /** Peak amplitude of a sine at the given level. */
    public static double peakOf(double dBm0) {
        return ZERO_DBM0_PEAK * Math.pow(10, dBm0 / 20);
    }

    /** Saturates to the 16-bit range: loud mixes clip, they never wrap around into noise. */
    public static short clamp(int value) {
        if (value > Short.MAX_VALUE) {
            return Short.MAX_VALUE;
        }
        if (value < Short.MIN_VALUE) {
            return Short.MIN_VALUE;
        }
        return (short) value;
    }
}
