package org.parley.media.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.parley.media.codec.dtmf.TelephoneEvent;
import org.parley.media.codec.dtmf.TelephoneEventReceiver;

/**
 * Decides when, and for how long, an RFC 4733 digit received on one leg of a bridge is re-sent to the others: once
 * the sender's event has ended, for the duration its end packet signalled (RFC 4733 §2.5.1.3: the end packet carries
 * the event's whole duration). So a far end that times digits (an IVR telling a long press, a carrier's minimum) sees
 * the key held as long as the caller held it; the relayed digit starts when the caller's ends.
 *
 * <p>If every end packet of an event is lost, the digit is relayed with the longest duration seen as soon as the
 * stream shows the event is over: the next event begins, or audio resumes (a sender sends no audio in the stream
 * while an event lasts, §2.5.1.5). Events that are not digits (flash, tones) are not relayed.
 *
 * <p>Not thread-safe: one per inbound stream, fed with what its {@link TelephoneEventReceiver} made of each packet.
 */
public final class DigitRelay {

    /** A digit to re-send on the other legs, held for {@code durationUnits} of the sender's RTP clock. */
    public record Relayed(char digit, int durationUnits) {
    }

    private boolean pending;
    private char digit;
    private int durationUnits;

    /** One RFC 4733 packet and how the receiver read it; returns the digits to relay now, in order. */
    public List<Relayed> onEvent(TelephoneEventReceiver.Outcome outcome, TelephoneEvent event) {
        if (outcome == TelephoneEventReceiver.Outcome.CONTINUED) {
            durationUnits = Math.max(durationUnits, event.duration());
            return List.of();
        }
        if (outcome == TelephoneEventReceiver.Outcome.REPEATED) {
            // an end already relayed, or a late packet of it
            return List.of();
        }
        List<Relayed> relay = new ArrayList<>(2);
        if (outcome == TelephoneEventReceiver.Outcome.ENDED) {
            if (pending) {
                durationUnits = event.duration();
            }
            flush(relay);
            return relay;
        }
        // BEGAN: an event still open lost its end packets; it is over now.
        flush(relay);
        if (event.isDigit()) {
            pending = true;
            digit = event.digit();
            durationUnits = event.duration();
            if (event.end()) {
                flush(relay);
            }
        }
        return relay;
    }

    /** An audio packet of the stream: an event still open has ended, its end packets lost. */
    public List<Relayed> onAudio() {
        if (!pending) {
            return List.of();
        }
        List<Relayed> relay = new ArrayList<>(1);
        flush(relay);
        return relay;
    }

    private void flush(List<Relayed> relay) {
        if (pending) {
            relay.add(new Relayed(digit, durationUnits));
            pending = false;
        }
    }
}
