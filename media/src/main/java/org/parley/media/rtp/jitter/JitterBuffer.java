package org.parley.media.rtp.jitter;

import org.parley.media.codec.cn.ComfortNoise;

/**
 * Holds decoded audio of one inbound stream until the media clock plays it, absorbing network jitter: packets go in
 * at their RTP timestamp as they arrive (in any order, of 10, 20 or 30 ms), and every tick takes out the next 20 ms
 * in timestamp order.
 *
 * <p>The playout delay adapts between a minimum and a maximum (20 to 200 ms by default): a packet arriving too late
 * to be played grows the delay at once by the amount it missed (rounded up to 10 ms), and a second in which every
 * packet arrived with more than 20 ms to spare shrinks it by 10 ms. Growing repeats audio (through concealment) and
 * shrinking skips 10 ms, both small enough to pass unnoticed in conversation.
 *
 * <p>Missing audio is concealed: the last 10 ms heard is repeated, fading by half each time, and silence after
 * 60 ms, a simplified form of the waveform substitution in ITU-T G.711 appendix I that avoids the clicks of
 * inserting silence.
 *
 * <p>A sender that stops during silence and says so with an RFC 3389 comfort-noise packet ({@link #putComfortNoise})
 * is not missing: from that packet's timestamp until its next audio, the gap is filled with noise at the level it
 * signalled, and none of it counts as concealment.
 *
 * <p>Not thread-safe: the stream's receive path and the media clock must hand over under the stream's own lock.
 * Everything is preallocated.
 */
public final class JitterBuffer {

    /** Result of {@link #put}. */
    public enum Arrival {
        ACCEPTED,
        /** Its playout time has passed; dropped. */
        LATE,
        /** Already held; dropped. */
        DUPLICATE,
        /** Too far from the playout point to be the same timeline (a new source or a timestamp jump): restarted. */
        RESYNCED
    }

    private static final int RATE_PER_MS = 8;
    private static final int BLOCK = 80;
    private static final int FRAME = 160;
    /** 520 ms: the largest delay plus the longest packet, in whole 10 ms blocks. */
    private static final int CAPACITY = 52 * BLOCK;
    private static final int BLOCKS = CAPACITY / BLOCK;
    /** Shrink only when every packet of the window had this much more than it needed. */
    private static final int SPARE_TO_SHRINK = 2 * BLOCK;
    private static final int WINDOW_TICKS = 50;
    /** After 60 ms of concealment, silence: repeating one syllable longer sounds like a fault. */
    private static final int MAX_CONCEALED_BLOCKS = 6;
    /** A timestamp this far from the playout point is a new timeline, not a late or early packet. */
    private static final int RESYNC_DISTANCE = 8000;

    private final int minDelay;
    private final int maxDelay;

    private final short[] ring = new short[CAPACITY];
    private final boolean[] present = new boolean[BLOCKS];
    private final short[] lastBlock = new short[BLOCK];

    private boolean started;
    private long lastTimestamp32;
    private long lastExtended;
    private long gridOffset;
    private long playout;
    private long newestEnd;
    private int delay;
    private int concealedRun;
    private boolean playedAny;

    private int ticksInWindow;
    private long smallestSpareInWindow = Long.MAX_VALUE;

    /** No comfort-noise period: {@link #noiseFrom} holds this. */
    private static final long NONE = Long.MIN_VALUE;
    private final ComfortNoise noise = new ComfortNoise(System.nanoTime());
    /** Start of the current comfort-noise period, on the buffer's timeline, or {@link #NONE}. */
    private long noiseFrom = NONE;
    /** Where speech resumed after it; {@code Long.MAX_VALUE} while the sender is still silent. */
    private long noiseUntil;
    private double noiseRms;
    private long comfortNoiseBlocks;

    private long accepted;
    private long late;
    private long duplicates;
    private long concealedBlocks;
    private long resyncs;
    private long overflowBlocks;

    public JitterBuffer() {
        this(20, 200);
    }

    /** Delays in milliseconds; each a multiple of 10. */
    public JitterBuffer(int minDelayMillis, int maxDelayMillis) {
        if (minDelayMillis < 10 || maxDelayMillis < minDelayMillis || maxDelayMillis > 400
            || minDelayMillis % 10 != 0 || maxDelayMillis % 10 != 0) {
            throw new IllegalArgumentException("delays must be multiples of 10 ms, 10 <= min <= max <= 400: "
                + minDelayMillis + ", " + maxDelayMillis);
        }
        this.minDelay = minDelayMillis * RATE_PER_MS;
        this.maxDelay = maxDelayMillis * RATE_PER_MS;
        this.delay = Math.max(minDelay, Math.min(maxDelay, 40 * RATE_PER_MS));
    }

    /**
     * Offers the decoded samples of one packet (a multiple of 10 ms).
     *
     * @param rtpTimestamp the packet's 32-bit RTP timestamp at 8 kHz
     */
    public Arrival put(long rtpTimestamp, short[] samples, int offset, int count) {
        if (count % BLOCK != 0 || count == 0 || count > 4 * FRAME) {
            throw new IllegalArgumentException("packets must carry 10 to 80 ms in steps of 10 ms: " + count);
        }
        long raw = extend(rtpTimestamp);
        Arrival arrival = Arrival.ACCEPTED;
        if (!started || Math.abs(raw - gridOffset - playout) > RESYNC_DISTANCE) {
            if (started) {
                resyncs++;
                arrival = Arrival.RESYNCED;
            }
            restart(raw);
        }
        // Senders start at a random timestamp; measuring from the first one puts packets on the 10 ms grid.
        long ts = raw - gridOffset;
        ts -= Math.floorMod(ts, BLOCK);
        if (ts + count <= playout) {
            late++;
            // Grow at once by what it missed: the next packet is likely to be as late.
            grow(playout - ts);
            return Arrival.LATE;
        }
        if (present[blockIndex(ts)] && ts >= playout) {
            duplicates++;
            return Arrival.DUPLICATE;
        }
        if (noiseFrom != NONE && noiseUntil == Long.MAX_VALUE && ts >= noiseFrom) {
            noiseUntil = ts;
        }
        long end = ts + count;
        if (end - playout > maxDelay + FRAME) {
            // Beyond the maximum delay: skip ahead rather than let the buffer, and the caller's wait, grow.
            long skip = end - playout - maxDelay;
            skip = (skip + BLOCK - 1) / BLOCK * BLOCK;
            for (long t = playout; t < playout + skip; t += BLOCK) {
                if (present[blockIndex(t)]) {
                    present[blockIndex(t)] = false;
                    overflowBlocks++;
                }
            }
            playout += skip;
        }
        long spare = ts - playout;
        if (spare < smallestSpareInWindow) {
            smallestSpareInWindow = spare;
        }
        for (int b = 0; b < count; b += BLOCK) {
            long t = ts + b;
            if (t < playout) {
                continue;
            }
            int at = (int) (t % CAPACITY);
            System.arraycopy(samples, offset + b, ring, at, BLOCK);
            present[blockIndex(t)] = true;
        }
        newestEnd = Math.max(newestEnd, end);
        accepted++;
        return arrival;
    }

    /**
     * Offers an RFC 3389 comfort-noise packet: the sender falls silent from its timestamp until its next audio, and
     * that gap is played as noise of the given RMS rather than concealed.
     *
     * @param rtpTimestamp the CN packet's 32-bit RTP timestamp at 8 kHz
     * @param rms the noise level, in 16-bit samples ({@link ComfortNoise#rmsOf})
     */
    public Arrival putComfortNoise(long rtpTimestamp, double rms) {
        long raw = extend(rtpTimestamp);
        Arrival arrival = Arrival.ACCEPTED;
        if (!started || Math.abs(raw - gridOffset - playout) > RESYNC_DISTANCE) {
            if (started) {
                resyncs++;
                arrival = Arrival.RESYNCED;
            }
            restart(raw);
        }
        long ts = raw - gridOffset;
        ts -= Math.floorMod(ts, BLOCK);
        boolean open = noiseFrom != NONE && noiseUntil == Long.MAX_VALUE;
        if (open && ts >= noiseFrom) {
            // A repeated CN packet of the same silence (RFC 3389 section 4) only updates the level.
            noiseRms = rms;
        } else if (noiseFrom == NONE || ts >= noiseUntil) {
            // A late one still starts the noise now: the rest of the gap is noise rather than concealment.
            noiseFrom = Math.max(ts, playout);
            noiseUntil = Long.MAX_VALUE;
            noiseRms = rms;
            for (long t = ts; t < newestEnd; t += BLOCK) {
                if (present[blockIndex(t)]) {
                    // Audio already held after the CN's timestamp ends the silence it announced.
                    noiseUntil = t;
                    break;
                }
            }
        }
        // Else it is older than the speech that already ended its silence: nothing left to fill.
        accepted++;
        return arrival;
    }

    /**
     * Takes the next 20 ms (160 samples) to play, concealing what is missing.
     *
     * @return false if nothing has been received yet (the frame is silence)
     */
    public boolean read(short[] frame) {
        if (!started) {
            java.util.Arrays.fill(frame, 0, FRAME, (short) 0);
            return false;
        }
        for (int b = 0; b < FRAME; b += BLOCK) {
            long t = playout + b;
            int index = blockIndex(t);
            if (present[index]) {
                System.arraycopy(ring, (int) (t % CAPACITY), frame, b, BLOCK);
                System.arraycopy(frame, b, lastBlock, 0, BLOCK);
                present[index] = false;
                concealedRun = 0;
                playedAny = true;
            } else if (noiseFrom != NONE && t >= noiseFrom && t < noiseUntil) {
                noise.fill(frame, b, BLOCK, noiseRms);
                // Should audio then be missing, concealment carries on from the noise, not from old speech.
                System.arraycopy(frame, b, lastBlock, 0, BLOCK);
                concealedRun = 0;
                comfortNoiseBlocks++;
            } else {
                conceal(frame, b);
            }
        }
        playout += FRAME;
        adapt();
        return true;
    }

    private void conceal(short[] frame, int offset) {
        // The initial playout delay is not loss.
        if (playedAny) {
            concealedBlocks++;
        }
        concealedRun++;
        if (concealedRun > MAX_CONCEALED_BLOCKS) {
            java.util.Arrays.fill(frame, offset, offset + BLOCK, (short) 0);
            return;
        }
        int shift = concealedRun - 1;
        for (int i = 0; i < BLOCK; i++) {
            frame[offset + i] = (short) (lastBlock[i] >> shift);
        }
    }

    private void adapt() {
        if (++ticksInWindow < WINDOW_TICKS) {
            return;
        }
        if (smallestSpareInWindow != Long.MAX_VALUE && smallestSpareInWindow >= SPARE_TO_SHRINK
            && delay - BLOCK >= minDelay) {
            delay -= BLOCK;
            // Skip 10 ms of the oldest buffered audio so the playout point catches up by as much.
            present[blockIndex(playout)] = false;
            playout += BLOCK;
        }
        ticksInWindow = 0;
        smallestSpareInWindow = Long.MAX_VALUE;
    }

    private void grow(long missedBy) {
        long step = (missedBy + BLOCK - 1) / BLOCK * BLOCK;
        long grown = Math.min(maxDelay, delay + step);
        long added = grown - delay;
        delay = (int) grown;
        // Step the playout point back: what was scheduled now plays later, the gap is concealed.
        playout -= added;
        for (long t = playout; t < playout + added; t += BLOCK) {
            present[blockIndex(t)] = false;
        }
        smallestSpareInWindow = Long.MAX_VALUE;
        ticksInWindow = 0;
    }

    private void restart(long raw) {
        java.util.Arrays.fill(present, false);
        started = true;
        playedAny = false;
        java.util.Arrays.fill(lastBlock, (short) 0);
        gridOffset = Math.floorMod(raw, BLOCK);
        long aligned = raw - gridOffset;
        playout = aligned - delay;
        newestEnd = aligned;
        concealedRun = 0;
        noiseFrom = NONE;
        ticksInWindow = 0;
        smallestSpareInWindow = Long.MAX_VALUE;
    }

    private long extend(long timestamp32) {
        if (!started) {
            lastTimestamp32 = timestamp32 & 0xFFFFFFFFL;
            // Start well above zero so the playout point, which is behind the first timestamp, stays positive.
            lastExtended = (1L << 32) + lastTimestamp32;
            return lastExtended;
        }
        int delta = (int) (timestamp32 - lastTimestamp32);
        lastTimestamp32 = timestamp32 & 0xFFFFFFFFL;
        lastExtended += delta;
        return lastExtended;
    }

    private static int blockIndex(long t) {
        return (int) ((t / BLOCK) % BLOCKS);
    }

    /**
     * Forgets the current timeline: the next packet starts a new one. For a new SSRC, whose timestamps have nothing
     * to do with the old source's even when they happen to be close.
     */
    public void restart() {
        started = false;
        noiseFrom = NONE;
        java.util.Arrays.fill(present, false);
    }

    /** The current target playout delay in milliseconds. */
    public int delayMillis() {
        return delay / RATE_PER_MS;
    }

    /** Audio held ahead of the playout point, in milliseconds. */
    public int bufferedMillis() {
        return (int) Math.max(0, newestEnd - playout) / RATE_PER_MS;
    }

    public long accepted() {
        return accepted;
    }

    /** Packets that arrived after their playout time. */
    public long late() {
        return late;
    }

    public long duplicates() {
        return duplicates;
    }

    /** 10 ms blocks that had to be concealed because their audio was missing. */
    public long concealedBlocks() {
        return concealedBlocks;
    }

    /** 10 ms blocks filled with comfort noise while the sender was silent after a CN packet. */
    public long comfortNoiseBlocks() {
        return comfortNoiseBlocks;
    }

    public long resyncs() {
        return resyncs;
    }

    /** 10 ms blocks thrown away because the buffer would have exceeded its maximum delay. */
    public long overflowBlocks() {
        return overflowBlocks;
    }
}
