package org.parley.media.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PlayerTest {

    @Test
    void playsSourcesBackToBackAcrossFrameBoundariesThenEnds() {
        short[] prompt = new short[250];
        java.util.Arrays.fill(prompt, (short) 7);
        Player player = new Player(List.of(Player.samples(prompt), Player.silence(30),
            Player.tone(ToneGenerator::beep, 100)), false);
        short[] frame = new short[160];
        assertTrue(player.next(frame));
        assertEquals(7, frame[159]);
        assertTrue(player.next(frame));
        assertEquals(7, frame[89]);
        assertEquals(0, frame[90]);
        assertEquals(0, frame[119]);
        assertTrue(frame[125] != 0, "the beep follows the silence");
        assertTrue(player.next(frame));
        assertEquals(0, frame[60], "padded with silence after the end");
        assertFalse(player.next(frame));
    }

    @Test
    void loopingPlaylistStartsAgain() {
        short[] a = {1, 2, 3};
        Player moh = new Player(List.of(Player.samples(a)), true);
        short[] frame = new short[160];
        for (int k = 0; k < 100; k++) {
            assertTrue(moh.next(frame));
        }
        for (int i = 0; i < 160; i++) {
            assertEquals(a[(99 * 160 + i) % 3], frame[i]);
        }
        Player empty = new Player(List.of(Player.samples(new short[0])), true);
        assertFalse(empty.next(frame));
    }
}
