package org.parley.media.codec.dtmf;

/**
 * Produces the packets of one RFC 4733 event, one per packetization interval: the first with the marker bit, then
 * updates with a growing duration, then the end packet sent three times (section 2.5.1.4) so losing one or two does
 * not leave the far end's digit stuck. All carry the timestamp of the event's start, which the caller keeps.
 *
 * <p>Not thread-safe: owned by the stream's send path.
 */
public final class TelephoneEventSender {

    private static final int END_REPEATS = 3;
    /** -10 dBm0: a typical phone's DTMF level. */
    private static final int VOLUME = 10;

    private final int event;
    private final int totalDuration;
    private final int step;
    private int elapsed;
    private int endsSent;
    private boolean first = true;

    /**
     * @param digit the DTMF digit
     * @param durationUnits how long the key is held, in RTP timestamp units
     * @param packetUnits timestamp units per packet (160 for 20 ms at 8 kHz)
     */
    public TelephoneEventSender(char digit, int durationUnits, int packetUnits) {
        if (durationUnits < packetUnits || durationUnits > 0xFFFF) {
            throw new IllegalArgumentException("duration must be from one packet to 65535 units: " + durationUnits);
        }
        this.event = TelephoneEvent.eventOf(digit);
        this.totalDuration = durationUnits;
        this.step = packetUnits;
    }

    public boolean finished() {
        return endsSent >= END_REPEATS;
    }

    /** Whether the packet {@link #next()} returns next must carry the marker bit (the event's first packet). */
    public boolean markerNext() {
        return first;
    }

    /** The next packet's payload; call once per packet interval until {@link #finished()}. */
    public TelephoneEvent next() {
        if (finished()) {
            throw new IllegalStateException("event already ended");
        }
        first = false;
        elapsed = Math.min(totalDuration, elapsed + step);
        boolean end = elapsed >= totalDuration;
        if (end) {
            endsSent++;
        }
        return new TelephoneEvent(event, end, VOLUME, elapsed);
    }
}
