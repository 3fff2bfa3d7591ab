package org.parley.media.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class MixerTest {

    @Test
    void everyoneHearsTheSumOfTheOthersSampleBySample() {
        Mixer mixer = new Mixer();
        Mixer.Participant[] ps = {mixer.add(), mixer.add(), mixer.add(), mixer.add()};
        Random random = new Random(7);
        for (int tick = 0; tick < 20; tick++) {
            for (Mixer.Participant p : ps) {
                for (int i = 0; i < AudioFormat.FRAME_SAMPLES; i++) {
                    p.input()[i] = (short) (random.nextInt(16001) - 8000);
                }
                p.inputReady();
            }
            short[][] inputs = new short[ps.length][];
            for (int k = 0; k < ps.length; k++) {
                inputs[k] = ps[k].input().clone();
            }
            mixer.mix();
            for (int k = 0; k < ps.length; k++) {
                for (int i = 0; i < AudioFormat.FRAME_SAMPLES; i++) {
                    int expected = 0;
                    for (int j = 0; j < ps.length; j++) {
                        if (j != k) {
                            expected += inputs[j][i];
                        }
                    }
                    assertEquals(AudioFormat.clamp(expected), ps[k].output()[i], "participant " + k + " sample " + i);
                }
            }
        }
    }

    @Test
    void loudSumsSaturateInsteadOfWrapping() {
        Mixer mixer = new Mixer();
        Mixer.Participant a = mixer.add();
        Mixer.Participant b = mixer.add();
        Mixer.Participant c = mixer.add();
        java.util.Arrays.fill(a.input(), (short) 30000);
        java.util.Arrays.fill(b.input(), (short) 30000);
        java.util.Arrays.fill(c.input(), (short) -30000);
        a.inputReady();
        b.inputReady();
        c.inputReady();
        mixer.mix();
        assertEquals(0, a.output()[0]);
        // c hears 30000 + 30000: clamped, not wrapped to -5536.
        assertEquals(Short.MAX_VALUE, c.output()[10]);
        assertEquals(30000 - 30000, b.output()[3]);

        java.util.Arrays.fill(a.input(), (short) -30000);
        java.util.Arrays.fill(b.input(), (short) -30000);
        a.inputReady();
        b.inputReady();
        mixer.mix();
        assertEquals(Short.MIN_VALUE, c.output()[5]);
    }

    @Test
    void mutedParticipantIsNotHeardButStillHears() {
        Mixer mixer = new Mixer();
        Mixer.Participant a = mixer.add();
        Mixer.Participant b = mixer.add();
        java.util.Arrays.fill(a.input(), (short) 1000);
        java.util.Arrays.fill(b.input(), (short) 200);
        a.mute(true);
        a.inputReady();
        b.inputReady();
        mixer.mix();
        assertEquals(0, b.output()[0]);
        assertEquals(200, a.output()[0]);
    }

    @Test
    void gainScalesWhatOthersHearAndAbsentInputIsSilence() {
        Mixer mixer = new Mixer();
        Mixer.Participant a = mixer.add();
        Mixer.Participant b = mixer.add();
        java.util.Arrays.fill(a.input(), (short) 1000);
        a.gain(20 * Math.log10(2));
        a.inputReady();
        mixer.mix();
        assertEquals(2000, b.output()[0]);
        assertEquals(0, a.output()[0]);
        a.gain(-6.0206);
        a.inputReady();
        mixer.mix();
        assertEquals(500, b.output()[0], 1);
        a.gain(100);
        a.inputReady();
        mixer.mix();
        // Clamped to +24 dB: 1000 * 15.85.
        assertEquals(15849, b.output()[0], 10);
        // No inputReady(): last tick's samples must not be replayed.
        mixer.mix();
        assertEquals(0, b.output()[0]);
        mixer.remove(a);
        assertEquals(1, mixer.size());
    }
}
