package org.parley.media.codec.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parley.media.codec.dtmf.TelephoneEventReceiver.Outcome;

class TelephoneEventTest {

    @Test
    void encodesAndDecodesTheWireFormat() {
        ByteBuffer b = ByteBuffer.allocate(4);
        new TelephoneEvent(11, true, 10, 1280).encode(b);
        assertEquals(0x0B, b.get(0));
        assertEquals((byte) 0x8A, b.get(1));
        assertEquals(0x05, b.get(2));
        assertEquals(0x00, b.get(3));
        TelephoneEvent e = TelephoneEvent.decode(b, 0);
        assertEquals(new TelephoneEvent(11, true, 10, 1280), e);
        assertEquals('#', e.digit());
        assertEquals(10, TelephoneEvent.eventOf('*'));
        assertEquals(15, TelephoneEvent.eventOf('d'));
        assertThrows(IllegalArgumentException.class, () -> TelephoneEvent.eventOf('x'));
    }

    @Test
    void reservedBitIsIgnoredOnReceive() {
        ByteBuffer b = ByteBuffer.wrap(new byte[] {5, (byte) 0x4A, 0, (byte) 160});
        TelephoneEvent e = TelephoneEvent.decode(b, 0);
        assertFalse(e.end());
        assertEquals(10, e.volume());
        assertEquals(160, e.duration());
    }

    @Test
    void endRepeatsAreCountedOnce() {
        TelephoneEventReceiver r = new TelephoneEventReceiver();
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(r.onPacket(1000, new TelephoneEvent(1, false, 10, 160)));
        outcomes.add(r.onPacket(1000, new TelephoneEvent(1, false, 10, 320)));
        outcomes.add(r.onPacket(1000, new TelephoneEvent(1, true, 10, 480)));
        outcomes.add(r.onPacket(1000, new TelephoneEvent(1, true, 10, 480)));
        outcomes.add(r.onPacket(1000, new TelephoneEvent(1, true, 10, 480)));
        assertEquals(List.of(Outcome.BEGAN, Outcome.CONTINUED, Outcome.ENDED, Outcome.REPEATED, Outcome.REPEATED),
            outcomes);
        // The same digit pressed again is a new event: a new timestamp.
        assertEquals(Outcome.BEGAN, r.onPacket(2000, new TelephoneEvent(1, true, 10, 480)));
        assertEquals(Outcome.REPEATED, r.onPacket(2000, new TelephoneEvent(1, true, 10, 480)));
        assertEquals(2, r.events());
    }

    @Test
    void senderAndReceiverAgreeOnOneDigit() {
        TelephoneEventSender sender = new TelephoneEventSender('7', 800, 160);
        TelephoneEventReceiver receiver = new TelephoneEventReceiver();
        List<TelephoneEvent> sent = new ArrayList<>();
        boolean marker = sender.markerNext();
        while (!sender.finished()) {
            TelephoneEvent e = sender.next();
            sent.add(e);
            receiver.onPacket(4242, e);
        }
        assertTrue(marker);
        assertFalse(sender.markerNext());
        // 5 packets up to the full duration, the last of them an end packet, then two more end copies.
        assertEquals(7, sent.size());
        assertEquals(List.of(160, 320, 480, 640, 800, 800, 800), sent.stream().map(TelephoneEvent::duration).toList());
        assertEquals(3, sent.stream().filter(TelephoneEvent::end).count());
        assertEquals(1, receiver.events());
        assertEquals(800, receiver.currentDuration());
        assertThrows(IllegalStateException.class, sender::next);
    }
}
