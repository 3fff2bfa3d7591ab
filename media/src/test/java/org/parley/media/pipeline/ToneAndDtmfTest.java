package org.parley.media.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ToneAndDtmfTest {

    private static final String DIGITS = "0123456789*#ABCD";

    @Test
    void beepIsOneKilohertzAtTheProgressLevel() {
        short[] s = new short[8000];
        ToneGenerator beep = ToneGenerator.beep();
        for (int off = 0; off < s.length; off += 160) {
            beep.fill(s, off, 160);
        }
        assertEquals(1000, Signals.frequencyByZeroCrossings(s, 0, s.length), 2);
        assertEquals(AudioFormat.peakOf(-13) / Math.sqrt(2), Signals.rms(s, 0, s.length), 5);
    }

    @Test
    void busyToneFollowsItsCadence() {
        short[] s = new short[16000];
        ToneGenerator.busy().fill(s, 0, s.length);
        assertTrue(Signals.rms(s, 0, 4000) > 1000);
        assertEquals(0, Signals.rms(s, 4000, 8000));
        assertTrue(Signals.rms(s, 8000, 12000) > 1000);
        short[] ring = new short[48000];
        ToneGenerator.ringback().fill(ring, 0, ring.length);
        assertTrue(Signals.rms(ring, 0, 16000) > 1000);
        assertEquals(0, Signals.rms(ring, 16000, 48000));
    }

    @Test
    void detectsAll16DigitsAtMinus20Dbm0() {
        for (double level : new double[] {-20, -23}) {
            DtmfDetector detector = new DtmfDetector();
            StringBuilder heard = new StringBuilder();
            short[] frame = new short[AudioFormat.FRAME_SAMPLES];
            for (char d : DIGITS.toCharArray()) {
                ToneGenerator tone = ToneGenerator.dtmf(d, level);
                // 80 ms tone, 60 ms pause: quick dialling, four frames of each.
                for (int f = 0; f < 4; f++) {
                    tone.fill(frame, 0, frame.length);
                    append(heard, detector.process(frame, 0, frame.length));
                }
                java.util.Arrays.fill(frame, (short) 0);
                for (int f = 0; f < 3; f++) {
                    append(heard, detector.process(frame, 0, frame.length));
                }
            }
            assertEquals(DIGITS, heard.toString(), "at " + level + " dBm0 per tone");
        }
    }

    @Test
    void aLongPressIsOneDigitAndARepeatIsTwo() {
        DtmfDetector detector = new DtmfDetector();
        StringBuilder heard = new StringBuilder();
        short[] frame = new short[AudioFormat.FRAME_SAMPLES];
        ToneGenerator five = ToneGenerator.dtmf('5', -10);
        for (int f = 0; f < 50; f++) {
            five.fill(frame, 0, frame.length);
            append(heard, detector.process(frame, 0, frame.length));
        }
        java.util.Arrays.fill(frame, (short) 0);
        for (int f = 0; f < 3; f++) {
            append(heard, detector.process(frame, 0, frame.length));
        }
        for (int f = 0; f < 5; f++) {
            five.fill(frame, 0, frame.length);
            append(heard, detector.process(frame, 0, frame.length));
        }
        assertEquals("55", heard.toString());
    }

    @Test
    void tooQuietOrTooShortTonesAreNotDigits() {
        DtmfDetector detector = new DtmfDetector();
        StringBuilder heard = new StringBuilder();
        short[] frame = new short[AudioFormat.FRAME_SAMPLES];
        ToneGenerator faint = ToneGenerator.dtmf('1', -40);
        for (int f = 0; f < 10; f++) {
            faint.fill(frame, 0, frame.length);
            append(heard, detector.process(frame, 0, frame.length));
        }
        // One 20 ms blip between silences cannot fill two detection blocks.
        short[] blip = new short[AudioFormat.FRAME_SAMPLES];
        ToneGenerator.dtmf('9', -10).fill(blip, 0, blip.length);
        short[] silence = new short[AudioFormat.FRAME_SAMPLES];
        for (int k = 0; k < 5; k++) {
            append(heard, detector.process(silence, 0, silence.length));
            append(heard, detector.process(blip, 0, blip.length));
            append(heard, detector.process(silence, 0, silence.length));
        }
        assertEquals("", heard.toString());
    }

    @Test
    void noiseAndSpeechLikeSoundGiveNoDigits() {
        DtmfDetector detector = new DtmfDetector();
        StringBuilder heard = new StringBuilder();
        Random random = new Random(42);
        short[] frame = new short[AudioFormat.FRAME_SAMPLES];
        for (double peak : new double[] {500, 3000, 12000}) {
            for (int f = 0; f < 500; f++) {
                for (int i = 0; i < frame.length; i++) {
                    frame[i] = AudioFormat.clamp((int) (random.nextGaussian() * peak / 3));
                }
                append(heard, detector.process(frame, 0, frame.length));
            }
        }
        for (long seed = 1; seed <= 6; seed++) {
            // Active speech around -20 dBm0 and shouted speech around -6 dBm0.
            short[] speech = Signals.speechLike(seed, 8000 * 20, AudioFormat.peakOf(seed % 2 == 0 ? -20 : -6));
            for (int off = 0; off + 160 <= speech.length; off += 160) {
                append(heard, detector.process(speech, off, 160));
            }
        }
        assertEquals("", heard.toString());
    }

    @Test
    void realSpeechGivesNoDigitsEvenAfterG711AndLouder() throws Exception {
        // espeak-ng speech, including spoken digits; see speech-8k.txt for how it was made.
        short[] speech = WavReader.read(java.nio.file.Path.of(getClass().getResource("speech-8k.wav").toURI()));
        assertTrue(speech.length > 8000 * 13);
        for (double gain : new double[] {1, 0.5, 1.6}) {
            DtmfDetector detector = new DtmfDetector();
            StringBuilder heard = new StringBuilder();
            short[] frame = new short[AudioFormat.FRAME_SAMPLES];
            for (int off = 0; off + 160 <= speech.length; off += 160) {
                for (int i = 0; i < 160; i++) {
                    short s = AudioFormat.clamp((int) Math.round(speech[off + i] * gain));
                    frame[i] = org.parley.media.codec.g711.G711.PCMU.decode(org.parley.media.codec.g711.G711.PCMU.encode(s));
                }
                append(heard, detector.process(frame, 0, frame.length));
            }
            assertEquals("", heard.toString(), "at gain " + gain);
        }
    }

    @Test
    void detectsDigitsUnderModerateNoise() {
        DtmfDetector detector = new DtmfDetector();
        StringBuilder heard = new StringBuilder();
        Random random = new Random(3);
        short[] frame = new short[AudioFormat.FRAME_SAMPLES];
        for (char d : "1590#".toCharArray()) {
            ToneGenerator tone = ToneGenerator.dtmf(d, -15);
            for (int f = 0; f < 5; f++) {
                tone.fill(frame, 0, frame.length);
                for (int i = 0; i < frame.length; i++) {
                    // White noise 20 dB below the tones.
                    frame[i] = AudioFormat.clamp(frame[i] + (int) (random.nextGaussian() * AudioFormat.peakOf(-35)));
                }
                append(heard, detector.process(frame, 0, frame.length));
            }
            java.util.Arrays.fill(frame, (short) 0);
            for (int f = 0; f < 3; f++) {
                append(heard, detector.process(frame, 0, frame.length));
            }
        }
        assertEquals("1590#", heard.toString());
    }

    private static void append(StringBuilder heard, char digit) {
        if (digit != DtmfDetector.NO_DIGIT) {
            heard.append(digit);
        }
    }
}
