package org.parley.media.codec.dtmf;

/**
 * Turns the stream of RFC 4733 packets into digits. A sender repeats every event many times: updates while the key
 * is held, three copies of the end packet (section 2.5.1.4), retransmissions. All packets of one event share its
 * RTP timestamp (section 2.5.2.1), so a new timestamp means a new event, and each is reported exactly once, on its
 * first packet, even if the packets before the end were lost.
 *
 * <p>Not thread-safe: one per inbound stream.
 */
public final class TelephoneEventReceiver {

    /** What a packet meant. */
    public enum Outcome {
        /** A new event began: report the digit now. */
        BEGAN,
        /** An update or retransmission of the current event. */
        CONTINUED,
        /** The first end packet of the current event. */
        ENDED,
        /** A repeat of an end packet already seen, or a late packet of an ended event: ignore. */
        REPEATED
    }

    private boolean any;
    private long currentTimestamp;
    private boolean ended;
    private int lastDuration;
    private long events;

    public Outcome onPacket(long rtpTimestamp, TelephoneEvent event) {
        if (!any || rtpTimestamp != currentTimestamp) {
            any = true;
            currentTimestamp = rtpTimestamp;
            ended = event.end();
            lastDuration = event.duration();
            events++;
            return Outcome.BEGAN;
        }
        if (ended) {
            return Outcome.REPEATED;
        }
        lastDuration = Math.max(lastDuration, event.duration());
        if (event.end()) {
            ended = true;
            return Outcome.ENDED;
        }
        return Outcome.CONTINUED;
    }

    /** Events seen since creation; each counted once however many packets carried it. */
    public long events() {
        return events;
    }

    /** Longest duration reported for the current (or last) event, in timestamp units. */
    public int currentDuration() {
        return lastDuration;
    }
}
