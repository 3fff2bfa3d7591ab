package org.parley.media.pipeline;

/**
 * Generates one or two summed sine tones with an on/off cadence: DTMF digits (ITU-T Q.23 frequencies), ringback,
 * busy and beep. Keeps its phase between frames so consecutive frames join without clicks.
 *
 * <p>Not thread-safe; owned by the player of one endpoint.
 */
public final class ToneGenerator {

    private static final double[] ROWS = {697, 770, 852, 941};
    private static final double[] COLUMNS = {1209, 1336, 1477, 1633};
    private static final String KEYPAD = "123A456B789C*0#D";

    /** Call-progress tones are sent at -13 dBm0 per component, a usual network level (ITU-T E.180). */
    public static final double PROGRESS_LEVEL_DBM0 = -13;

    private final double step1;
    private final double step2;
    private final double amplitude1;
    private final double amplitude2;
    private final int onSamples;
    private final int offSamples;
    private double phase1;
    private double phase2;
    private long position;

    /**
     * @param onMillis cadence on time; 0 for a continuous tone
     * @param offMillis cadence off time
     */
    public ToneGenerator(double frequency1, double frequency2, double levelDbm0, int onMillis, int offMillis) {
        this.step1 = 2 * Math.PI * frequency1 / AudioFormat.SAMPLE_RATE;
        this.step2 = 2 * Math.PI * frequency2 / AudioFormat.SAMPLE_RATE;
        this.amplitude1 = AudioFormat.peakOf(levelDbm0);
        this.amplitude2 = frequency2 > 0 ? AudioFormat.peakOf(levelDbm0) : 0;
        this.onSamples = onMillis * AudioFormat.SAMPLE_RATE / 1000;
        this.offSamples = offMillis * AudioFormat.SAMPLE_RATE / 1000;
    }

    /** A continuous DTMF tone for the digit, each of its two frequencies at {@code levelDbm0}. */
    public static ToneGenerator dtmf(char digit, double levelDbm0) {
        int index = KEYPAD.indexOf(Character.toUpperCase(digit));
        if (index < 0) {
            throw new IllegalArgumentException("not a DTMF digit: " + digit);
        }
        return new ToneGenerator(ROWS[index / 4], COLUMNS[index % 4], levelDbm0, 0, 0);
    }

    /** 440 + 480 Hz, 2 s on, 4 s off. */
    public static ToneGenerator ringback() {
        return new ToneGenerator(440, 480, PROGRESS_LEVEL_DBM0, 2000, 4000);
    }

    /** 480 + 620 Hz, 0.5 s on, 0.5 s off. */
    public static ToneGenerator busy() {
        return new ToneGenerator(480, 620, PROGRESS_LEVEL_DBM0, 500, 500);
    }

    /** A continuous 1 kHz tone. */
    public static ToneGenerator beep() {
        return new ToneGenerator(1000, 0, PROGRESS_LEVEL_DBM0, 0, 0);
    }

    /** The row and column frequency of a DTMF digit. */
    static double[] dtmfFrequencies(char digit) {
        int index = KEYPAD.indexOf(Character.toUpperCase(digit));
        return new double[] {ROWS[index / 4], COLUMNS[index % 4]};
    }

    /** Writes the next {@code length} samples into {@code frame} from {@code offset}. */
    public void fill(short[] frame, int offset, int length) {
        int period = onSamples + offSamples;
        for (int i = 0; i < length; i++) {
            boolean on = onSamples == 0 || position % period < onSamples;
            double v = 0;
            if (on) {
                v = amplitude1 * Math.sin(phase1) + amplitude2 * Math.sin(phase2);
            }
            // The oscillators keep running through the off time so each burst starts where a real one would.
            phase1 += step1;
            phase2 += step2;
            if (phase1 > 2 * Math.PI) {
                phase1 -= 2 * Math.PI;
            }
            if (phase2 > 2 * Math.PI) {
                phase2 -= 2 * Math.PI;
            }
            frame[offset + i] = AudioFormat.clamp((int) Math.round(v));
            position++;
        }
    }
}
