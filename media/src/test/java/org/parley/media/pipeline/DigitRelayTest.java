package org.parley.media.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parley.media.codec.dtmf.TelephoneEvent;
import org.parley.media.codec.dtmf.TelephoneEventReceiver;

class DigitRelayTest {

    private final TelephoneEventReceiver receiver = new TelephoneEventReceiver();
    private final DigitRelay relay = new DigitRelay();

    /** Feeds one RFC 4733 packet through the receiver, as the endpoint does. */
    private List<DigitRelay.Relayed> packet(long timestamp, int event, boolean end, int duration) {
        TelephoneEvent e = new TelephoneEvent(event, end, 10, duration);
        return relay.onEvent(receiver.onPacket(timestamp, e), e);
    }

    /** A phone's event: updates every 160 units up to {@code duration}, then the end packet three times. */
    private List<DigitRelay.Relayed> keyPress(long timestamp, int event, int duration) {
        List<DigitRelay.Relayed> relayed = new ArrayList<>();
        for (int d = 160; d < duration; d += 160) {
            relayed.addAll(packet(timestamp, event, false, d));
        }
        for (int i = 0; i < 3; i++) {
            relayed.addAll(packet(timestamp, event, true, duration));
        }
        return relayed;
    }

    @Test
    void eachDigitIsRelayedOnceAtItsEndWithTheDurationItsEndPacketSignalled() {
        List<DigitRelay.Relayed> relayed = new ArrayList<>();
        relayed.addAll(keyPress(8000, 1, 480));
        relayed.addAll(keyPress(16000, 11, 2000));
        relayed.addAll(keyPress(40000, 5, 804));
        assertEquals(List.of(new DigitRelay.Relayed('1', 480), new DigitRelay.Relayed('#', 2000),
                new DigitRelay.Relayed('5', 804)), relayed);
    }

    @Test
    void nothingIsRelayedBeforeTheEnd() {
        assertEquals(List.of(), packet(8000, 7, false, 160));
        assertEquals(List.of(), packet(8000, 7, false, 320));
        assertEquals(List.of(new DigitRelay.Relayed('7', 400)), packet(8000, 7, true, 400));
        assertEquals(List.of(), packet(8000, 7, true, 400), "a repeated end is not a second digit");
    }

    @Test
    void aDigitWhoseEndPacketsWereLostIsRelayedWhenAudioResumesOrTheNextEventBegins() {
        packet(8000, 3, false, 160);
        packet(8000, 3, false, 640);
        assertEquals(List.of(new DigitRelay.Relayed('3', 640)), relay.onAudio());
        assertEquals(List.of(), relay.onAudio());

        packet(16000, 4, false, 160);
        packet(16000, 4, false, 320);
        assertEquals(List.of(new DigitRelay.Relayed('4', 320)), packet(24000, 9, false, 160));
        assertEquals(List.of(new DigitRelay.Relayed('9', 800)), packet(24000, 9, true, 800));
    }

    @Test
    void anEventSeenOnlyByItsEndPacketIsRelayedAtOnceAndNonDigitsNever() {
        assertEquals(List.of(new DigitRelay.Relayed('0', 960)), packet(8000, 0, true, 960));
        // 16 is flash: an event, not a digit
        assertEquals(List.of(), keyPress(16000, 16, 800));
    }
}
