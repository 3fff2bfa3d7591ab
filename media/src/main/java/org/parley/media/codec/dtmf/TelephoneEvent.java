package org.parley.media.codec.dtmf;

import java.nio.ByteBuffer;

/**
 * One RFC 4733 telephone-event payload (section 2.3):
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     event     |E|R| volume    |          duration             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param event 0-9, 10 = *, 11 = #, 12-15 = A-D (RFC 4733 section 3.2)
 * @param end the E bit: this packet ends the event
 * @param volume power level in -dBm0, 0 to 63 (10 is a typical phone)
 * @param duration event duration so far, in RTP timestamp units, since the event's timestamp
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {

    /** Octets in one event payload. */
    public static final int LENGTH = 4;
    private static final String DIGITS = "0123456789*#ABCD";

    public TelephoneEvent {
        if (event < 0 || event > 255) {
            throw new IllegalArgumentException("event out of range: " + event);
        }
        if (volume < 0 || volume > 63) {
            throw new IllegalArgumentException("volume out of range: " + volume);
        }
        if (duration < 0 || duration > 0xFFFF) {
            throw new IllegalArgumentException("duration out of range: " + duration);
        }
    }

    /** Reads the first event of a payload; RFC 4733 allows redundant events after it, which are ignored here. */
    public static TelephoneEvent decode(ByteBuffer payload, int offset) {
        int second = payload.get(offset + 1) & 0xFF;
        return new TelephoneEvent(payload.get(offset) & 0xFF, (second & 0x80) != 0, second & 0x3F,
            payload.getShort(offset + 2) & 0xFFFF);
    }

    /** Writes the 4 octets at the buffer's position; the R bit is always sent as 0 (section 2.3). */
    public void encode(ByteBuffer out) {
        out.put((byte) event);
        out.put((byte) ((end ? 0x80 : 0) | volume));
        out.putShort((short) duration);
    }

    /** Whether this event is a DTMF digit (events 0-15). */
    public boolean isDigit() {
        return event < DIGITS.length();
    }

    public char digit() {
        if (!isDigit()) {
            throw new IllegalStateException("event " + event + " is not a DTMF digit");
        }
        return DIGITS.charAt(event);
    }

    /** The event code of a DTMF digit ({@code 0-9 * # A-D}). */
    public static int eventOf(char digit) {
        int index = DIGITS.indexOf(Character.toUpperCase(digit));
        if (index < 0) {
            throw new IllegalArgumentException("not a DTMF digit: " + digit);
        }
        return index;
    }
}
