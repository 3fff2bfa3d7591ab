package org.parley.media.rtp;

/**
 * Follows one inbound RTP stream as RFC 3550 appendix A.1 and A.8 describe: extends 16-bit sequence numbers across
 * wraps, tells reordered and duplicated packets apart, restarts when the sender's SSRC changes (a re-INVITE to
 * another device, a trunk failing over), and keeps the interarrival jitter estimate of section 6.4.1.
 *
 * <p>Totals accumulate across SSRC changes so a CDR sees the whole call. Not thread-safe: one per stream, fed by
 * the thread that receives it; read the totals from elsewhere only through a snapshot.
 */
public final class ReceptionStatistics {

    /** A jump forward bigger than this is not loss but a restarted or misbehaving sender (RFC 3550 A.1). */
    static final int MAX_DROPOUT = 3000;
    /** A packet this far behind the newest is an old one arriving late, not a jump. */
    static final int MAX_MISORDER = 100;
    /** Duplicates are recognised within this many sequence numbers behind the newest. */
    private static final int WINDOW = 128;

    /** What a packet was, relative to those seen before. */
    public enum Arrival {
        /** First packet of the stream, or of a new SSRC. */
        NEW_SOURCE,
        /** Newer than any before (possibly after a gap). */
        IN_ORDER,
        /** Older than the newest but not seen before. */
        REORDERED,
        /** Seen before: drop it. */
        DUPLICATE,
        /** Too far behind or ahead to place; dropped and not counted as received. */
        OUT_OF_RANGE
    }

    private final int clockRate;

    private boolean started;
    private long ssrc;
    private long base;
    private long highest;
    private long received;
    private final long[] window = new long[WINDOW / 64];
    private long badSequence = -1;

    private long lostBeforeThisSource;
    private long receivedBeforeThisSource;
    private long duplicates;
    private long outOfRange;
    private int sourceChanges;

    private boolean jitterStarted;
    private long lastTransit;
    private double jitter;

    private long lastExtendedSequence;
    private long expectedPrior;
    private long receivedPrior;

    /** @param clockRate RTP timestamp units per second of the payload format, 8000 for G.711 */
    public ReceptionStatistics(int clockRate) {
        this.clockRate = clockRate;
    }

    /**
     * Accounts for one packet.
     *
     * @param arrivalNanos arrival time on any monotonic clock, in nanoseconds
     */
    public Arrival onPacket(long packetSsrc, int sequenceNumber, long rtpTimestamp, long arrivalNanos) {
        if (!started || packetSsrc != ssrc) {
            if (started) {
                lostBeforeThisSource += lost(highest, base, received);
                receivedBeforeThisSource += received;
                sourceChanges++;
            }
            restart(packetSsrc, sequenceNumber);
            updateJitter(rtpTimestamp, arrivalNanos);
            return Arrival.NEW_SOURCE;
        }
        int highest16 = (int) (highest & 0xFFFF);
        int delta = (sequenceNumber - highest16) & 0xFFFF;
        long extended;
        Arrival arrival;
        if (delta == 0) {
            duplicates++;
            lastExtendedSequence = highest;
            return Arrival.DUPLICATE;
        } else if (delta < MAX_DROPOUT) {
            extended = highest + delta;
            arrival = Arrival.IN_ORDER;
        } else if (delta <= 0x10000 - MAX_MISORDER) {
            // RFC 3550 A.1: a big jump is believed only when the next packet continues from it.
            if (badSequence >= 0 && sequenceNumber == badSequence) {
                lostBeforeThisSource += lost(highest, base, received);
                receivedBeforeThisSource += received;
                restart(packetSsrc, sequenceNumber);
                updateJitter(rtpTimestamp, arrivalNanos);
                return Arrival.IN_ORDER;
            }
            badSequence = (sequenceNumber + 1) & 0xFFFF;
            outOfRange++;
            return Arrival.OUT_OF_RANGE;
        } else {
            extended = highest - (0x10000 - delta);
            if (extended < base || highest - extended >= WINDOW) {
                outOfRange++;
                return Arrival.OUT_OF_RANGE;
            }
            arrival = Arrival.REORDERED;
        }
        badSequence = -1;
        if (arrival == Arrival.IN_ORDER) {
            for (long s = highest + 1; s < extended && s <= highest + WINDOW; s++) {
                clear(s);
            }
            highest = extended;
        } else if (isSeen(extended)) {
            duplicates++;
            lastExtendedSequence = extended;
            return Arrival.DUPLICATE;
        }
        mark(extended);
        received++;
        lastExtendedSequence = extended;
        updateJitter(rtpTimestamp, arrivalNanos);
        return arrival;
    }

    private void restart(long newSsrc, int sequenceNumber) {
        started = true;
        ssrc = newSsrc;
        base = sequenceNumber;
        highest = sequenceNumber;
        received = 1;
        expectedPrior = 0;
        receivedPrior = 0;
        badSequence = -1;
        java.util.Arrays.fill(window, 0);
        mark(highest);
        lastExtendedSequence = highest;
        jitterStarted = false;
    }

    private void updateJitter(long rtpTimestamp, long arrivalNanos) {
        long arrival = arrivalNanos / 1000 * clockRate / 1_000_000;
        long transit = arrival - rtpTimestamp;
        if (jitterStarted) {
            long d = Math.abs(transit - lastTransit);
            // A timestamp jump of seconds (a new talkspurt after silence suppression, a re-started sender) is
            // not network jitter; counting it would wreck the estimate for a minute.
            if (d < clockRate) {
                jitter += (d - jitter) / 16.0;
            }
        }
        lastTransit = transit;
        jitterStarted = true;
    }

    private boolean isSeen(long extended) {
        int bit = (int) (extended % WINDOW);
        return (window[bit >> 6] & (1L << (bit & 63))) != 0;
    }

    private void mark(long extended) {
        int bit = (int) (extended % WINDOW);
        window[bit >> 6] |= 1L << (bit & 63);
    }

    private void clear(long extended) {
        int bit = (int) (extended % WINDOW);
        window[bit >> 6] &= ~(1L << (bit & 63));
    }

    private static long lost(long highest, long base, long received) {
        return Math.max(0, highest - base + 1 - received);
    }

    /**
     * A reception report block for RTCP (RFC 3550 section 6.4.1 and appendix A.3), with the fraction lost since the
     * previous call; so call it once per report sent.
     *
     * @param lastSenderReport middle 32 bits of the NTP time of the last SR from this source, 0 if none
     * @param delaySinceLastSenderReport since then, in 1/65536 s
     */
    public org.parley.media.rtp.rtcp.ReportBlock reportBlock(long lastSenderReport, long delaySinceLastSenderReport) {
        long expected = started ? highest - base + 1 : 0;
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        long cumulative = Math.min(0x7FFFFF, packetsLost());
        return new org.parley.media.rtp.rtcp.ReportBlock(ssrc, Math.min(255, fraction), (int) cumulative,
            highest & 0xFFFFFFFFL, jitterTimestampUnits(), lastSenderReport, delaySinceLastSenderReport);
    }

    /** Extended sequence number of the packet last passed to {@link #onPacket}. */
    public long lastExtendedSequence() {
        return lastExtendedSequence;
    }

    /** Highest extended sequence number of the current source (cycles * 65536 + sequence number). */
    public long highestExtendedSequence() {
        return highest;
    }

    public long ssrc() {
        return ssrc;
    }

    /** Distinct packets received, across all sources. */
    public long packetsReceived() {
        return receivedBeforeThisSource + (started ? received : 0);
    }

    /** Packets expected but never received, across all sources (RFC 3550 A.3). */
    public long packetsLost() {
        return lostBeforeThisSource + (started ? lost(highest, base, received) : 0);
    }

    public long duplicates() {
        return duplicates;
    }

    public long outOfRange() {
        return outOfRange;
    }

    public int sourceChanges() {
        return sourceChanges;
    }

    /** Interarrival jitter in timestamp units, as it would go into an RTCP report block. */
    public long jitterTimestampUnits() {
        return Math.round(jitter);
    }

    public double jitterMillis() {
        return jitter * 1000.0 / clockRate;
    }
}
