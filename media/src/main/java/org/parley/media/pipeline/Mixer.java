package org.parley.media.pipeline;

import java.util.Arrays;

/**
 * Mixes one 20 ms frame for each participant of a bridge or conference: each hears the sum of everybody else
 * (never their own voice back), computed as the total minus their own contribution so the cost is linear in the
 * number of participants. Sums saturate at the 16-bit limits instead of wrapping around.
 *
 * <p>{@link #mix()} and the participants' frame arrays belong to the one media-clock thread that ticks this mixer.
 * {@link Participant#mute} and {@link Participant#gain} may be called from any thread; they apply from the next mix.
 * Adding and removing participants copies the participant array, so {@code mix()} never sees it half-changed.
 */
public final class Mixer {

    /** Gain in Q10 fixed point: 1024 is unity. */
    private static final int UNITY = 1024;
    /** Beyond ±24 dB a gain only turns speech into clipping. */
    public static final double MAX_GAIN_DB = 24;

    private volatile Participant[] participants = new Participant[0];
    private final int[] total = new int[AudioFormat.FRAME_SAMPLES];

    /** One party of the mix: write its received audio into {@link #input()}, read what it should hear from {@link #output()}. */
    public static final class Participant {
        private final short[] input = new short[AudioFormat.FRAME_SAMPLES];
        private final short[] output = new short[AudioFormat.FRAME_SAMPLES];
        private final int[] contribution = new int[AudioFormat.FRAME_SAMPLES];
        private volatile boolean muted;
        private volatile int gainQ10 = UNITY;
        private boolean hasInput;

        public short[] input() {
            return input;
        }

        public short[] output() {
            return output;
        }

        /** Marks {@link #input()} as holding this tick's audio; without it the participant contributes silence. */
        public void inputReady() {
            hasInput = true;
        }

        public void mute(boolean mute) {
            this.muted = mute;
        }

        public boolean muted() {
            return muted;
        }

        /** Scales what the others hear of this participant; clamped to ±{@value Mixer#MAX_GAIN_DB} dB. */
        public void gain(double decibels) {
            double db = Math.max(-MAX_GAIN_DB, Math.min(MAX_GAIN_DB, decibels));
            gainQ10 = (int) Math.round(UNITY * Math.pow(10, db / 20));
        }
    }

    public Participant add() {
        Participant p = new Participant();
        synchronized (this) {
            Participant[] current = participants;
            Participant[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = p;
            participants = next;
        }
        return p;
    }

    public void remove(Participant p) {
        synchronized (this) {
            Participant[] current = participants;
            participants = Arrays.stream(current).filter(q -> q != p).toArray(Participant[]::new);
        }
    }

    public int size() {
        return participants.length;
    }

    /** Mixes this tick's inputs into every participant's output and consumes the inputs. */
    public void mix() {
        Participant[] ps = participants;
        Arrays.fill(total, 0);
        for (Participant p : ps) {
            int[] c = p.contribution;
            if (!p.hasInput || p.muted) {
                Arrays.fill(c, 0);
            } else {
                int g = p.gainQ10;
                short[] in = p.input;
                if (g == UNITY) {
                    for (int i = 0; i < c.length; i++) {
                        c[i] = in[i];
                    }
                } else {
                    for (int i = 0; i < c.length; i++) {
                        c[i] = (in[i] * g) >> 10;
                    }
                }
                for (int i = 0; i < c.length; i++) {
                    total[i] += c[i];
                }
            }
            p.hasInput = false;
        }
        for (Participant p : ps) {
            int[] c = p.contribution;
            short[] out = p.output;
            for (int i = 0; i < out.length; i++) {
                out[i] = AudioFormat.clamp(total[i] - c[i]);
            }
        }
    }
}
