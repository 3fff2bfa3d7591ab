package org.parley.media.rtp;

/**
 * Cuts the media clock's 20 ms frames into outgoing RTP packets of the packet time the peer asked for, and keeps
 * the stream's sequence number, timestamp and marker bit (RFC 3550 section 5.1).
 *
 * <p>Frames go in with {@link #add}; while {@link #ready()} the caller sends {@link #packetSamples()} samples from
 * {@link #samples()} with this packet's {@link #sequence()}, {@link #timestamp()} and {@link #marker()}, then calls
 * {@link #sent()}. So 10 ms packets go out two per tick, 30 ms ones two per three ticks (the half packet left over
 * waits for the next frame), 40 ms ones every other tick. The timestamp counts in the payload format's clock
 * ({@code clockRatio} RTP units per 8 kHz sample: 6 for Opus's 48 kHz), and keeps running while nothing is sent.
 *
 * <p>Not thread-safe: one per stream, used under its lock. Allocation-free after construction.
 */
public final class Packetizer {

    /** The longest packet time we send: 60 ms, the longest Opus frame. */
    public static final int MAX_PACKET_MILLIS = 60;
    private static final int SAMPLES_PER_MS = 8;
    private static final int FRAME = 160;

    private final short[] pending = new short[MAX_PACKET_MILLIS * SAMPLES_PER_MS + FRAME];
    private int count;
    private int packetSamples = 20 * SAMPLES_PER_MS;
    private int clockRatio = 1;
    private int sequence;
    private long timestamp;
    private boolean marker = true;

    /**
     * @param sequence the first sequence number (random, RFC 3550 section 5.1)
     * @param timestamp the first timestamp (random likewise)
     */
    public Packetizer(int sequence, long timestamp) {
        this.sequence = sequence & 0xFFFF;
        this.timestamp = timestamp & 0xFFFFFFFFL;
    }

    /**
     * Sets the packet time and the payload format's clock, e.g. after a renegotiation. Audio already waiting goes
     * out in packets of the new size.
     *
     * @param packetMillis 10 to 60, a multiple of 10
     * @param clockRatio RTP timestamp units per 8 kHz sample: 1 for G.711, 6 for Opus
     */
    public void configure(int packetMillis, int clockRatio) {
        if (packetMillis < 10 || packetMillis > MAX_PACKET_MILLIS || packetMillis % 10 != 0) {
            throw new IllegalArgumentException("packet time must be 10 to 60 ms in steps of 10: " + packetMillis);
        }
        if (clockRatio < 1) {
            throw new IllegalArgumentException("clock ratio must be positive: " + clockRatio);
        }
        this.packetSamples = packetMillis * SAMPLES_PER_MS;
        this.clockRatio = clockRatio;
    }

    /** Appends one frame (at most 20 ms) of 8 kHz audio. */
    public void add(short[] frame, int offset, int length) {
        if (length > FRAME || count + length > pending.length) {
            throw new IllegalStateException("send the ready packets before adding more audio");
        }
        System.arraycopy(frame, offset, pending, count, length);
        count += length;
    }

    /** Whether a whole packet is waiting. */
    public boolean ready() {
        return count >= packetSamples;
    }

    /** The audio of the next packet starts at index 0 of this array. */
    public short[] samples() {
        return pending;
    }

    public int packetSamples() {
        return packetSamples;
    }

    public int packetMillis() {
        return packetSamples / SAMPLES_PER_MS;
    }

    public int sequence() {
        return sequence;
    }

    /** RTP timestamp of the next packet's first sample. */
    public long timestamp() {
        return timestamp;
    }

    /** Whether the next audio packet starts a talkspurt (the first after silence, RFC 3551 section 4.1). */
    public boolean marker() {
        return marker;
    }

    /** The packet went out (or was lost on the way): the next one follows it. */
    public void sent() {
        int left = count - packetSamples;
        System.arraycopy(pending, packetSamples, pending, 0, left);
        count = left;
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + (long) packetSamples * clockRatio) & 0xFFFFFFFFL;
        marker = false;
    }

    /**
     * The next packet could not be made (its encoder refused the audio): its audio and time pass unsent, without
     * using up a sequence number, which the receiver would count as a lost packet; what follows starts a talkspurt.
     */
    public void dropped() {
        int left = count - packetSamples;
        System.arraycopy(pending, packetSamples, pending, 0, left);
        count = left;
        timestamp = (timestamp + (long) packetSamples * clockRatio) & 0xFFFFFFFFL;
        marker = true;
    }

    /** Takes a sequence number for another packet of the same stream, such as an RFC 4733 event. */
    public int nextSequence() {
        int s = sequence;
        sequence = (sequence + 1) & 0xFFFF;
        return s;
    }

    /**
     * Nothing is sent for this much time: the waiting audio is dropped and the clock runs on (RFC 3550 section 5.1
     * keeps the timestamp running through silence).
     *
     * @param samples 8 kHz samples of time that pass without audio packets
     * @param talkspurtEnds whether the next audio packet starts a new talkspurt, with the marker bit
     */
    public void skip(int samples, boolean talkspurtEnds) {
        timestamp = (timestamp + (long) (count + samples) * clockRatio) & 0xFFFFFFFFL;
        count = 0;
        if (talkspurtEnds) {
            marker = true;
        }
    }

    /** The RTP timestamp of the present moment: the next sample to be added, for an RTCP sender report. */
    public long now() {
        return (timestamp + (long) count * clockRatio) & 0xFFFFFFFFL;
    }
}
