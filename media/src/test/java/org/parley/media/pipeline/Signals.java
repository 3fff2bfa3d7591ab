package org.parley.media.pipeline;

import java.util.Random;

/** Test signals and measurements, independent of the code under test. */
final class Signals {

    private Signals() {
    }

    /** Frequency of a tone from its zero crossings. */
    static double frequencyByZeroCrossings(short[] samples, int from, int to) {
        int first = -1;
        int last = -1;
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if (samples[i - 1] < 0 && samples[i] >= 0) {
                if (first < 0) {
                    first = i;
                } else {
                    crossings++;
                }
                last = i;
            }
        }
        return crossings == 0 ? 0 : crossings * (double) AudioFormat.SAMPLE_RATE / (last - first);
    }

    static double rms(short[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    /**
     * Speech-like sound: a glottal pulse train with a wandering pitch, shaped by two resonances (formants) that move
     * between vowel positions, with some breath noise, in syllable-sized bursts, scaled to the given RMS level.
     */
    static short[] speechLike(long seed, int samples, double targetRms) {
        Random random = new Random(seed);
        double[] raw = new double[samples];
        double pitch = 120;
        double phase = 0;
        double[] y1 = new double[2];
        double[] y2 = new double[2];
        double f1 = 500;
        double f2 = 1500;
        double gain = 0;
        for (int n = 0; n < samples; n++) {
            if (n % 800 == 0) {
                pitch = 85 + random.nextDouble() * 170;
                f1 = 300 + random.nextDouble() * 600;
                f2 = 900 + random.nextDouble() * 1600;
                gain = random.nextDouble() < 0.2 ? 0.05 : 1;
            }
            pitch += (random.nextDouble() - 0.5) * 0.5;
            phase += pitch / AudioFormat.SAMPLE_RATE;
            double excitation = 0;
            if (phase >= 1) {
                phase -= 1;
                excitation = 1;
            }
            excitation += 0.02 * random.nextGaussian();
            double v = 0;
            double[] formants = {f1, f2};
            for (int k = 0; k < 2; k++) {
                double r = 0.97;
                double c = 2 * r * Math.cos(2 * Math.PI * formants[k] / AudioFormat.SAMPLE_RATE);
                double y = excitation + c * y1[k] - r * r * y2[k];
                y2[k] = y1[k];
                y1[k] = y;
                v += y;
            }
            raw[n] = v * gain;
        }
        double sum = 0;
        for (double v : raw) {
            sum += v * v;
        }
        double scale = targetRms / Math.sqrt(sum / samples);
        short[] out = new short[samples];
        for (int n = 0; n < samples; n++) {
            out[n] = AudioFormat.clamp((int) Math.round(raw[n] * scale));
        }
        return out;
    }
}
