package org.parley.media.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records 20 ms frames to a WAV file (16-bit PCM, 8 kHz, one or two channels) without ever blocking the media clock:
 * {@link #write} copies the frame into a ring of preallocated frames and hands full batches to an I/O executor,
 * which writes them.
 *
 * <p>The ring has one writer (the media clock) and one reader (the I/O executor), which meet only at two counters,
 * frames written and frames consumed, each advanced by its own side alone: no lock, and no object reference stored
 * per frame. (A queue of pooled frame buffers, as before, took a lock per frame on both sides, and every reference it
 * stored made the G1 collector's concurrent refinement threads scan a card: a tenth of the CPU of a media server
 * recording a thousand calls.)
 *
 * <p>The RIFF header is rewritten with the true sizes after every second of audio, after the audio itself, so a crash
 * or power loss leaves a playable file missing at most the last second. On {@link #close()} the header is finalised,
 * the file forced to disk, and the listener told its path, duration, size and SHA-256 (for the recordings index and
 * tamper evidence). Any I/O error (disk full, file removed, permissions) ends the recording with
 * {@link Listener#failed} and the call goes on: {@link #write} never throws.
 *
 * <p>{@link #write} is for one thread at a time (the media clock); {@link #close()} may be called from any thread.
 */
public final class WavRecorder implements AutoCloseable {

    /** Told once how the recording ended. */
    public interface Listener {

        void completed(Path path, Duration duration, long sizeBytes, String sha256);

        void failed(Path path, String reason);
    }

    static final int HEADER_LENGTH = 44;
    /**
     * Frames gathered into one write. Waking the I/O thread and calling the kernel for every 20 ms frame of a
     * thousand calls would cost more than the audio work itself; 25 frames (half a second) adds little to the
     * second of audio a crash may already lose to the header interval.
     */
    private static final int BATCH = 25;

    private final Path path;
    private final int channels;
    private final Executor io;
    private final Listener listener;
    private final int frameBytes;
    private final long headerEveryBytes;
    private final int batch;
    /** Room for this many frames; frame {@code n} lives at slot {@code n % capacity}. */
    private final int capacity;
    private final byte[] ring;
    /** Frames written into the ring so far: advanced by the writer only, after the frame's bytes are in. */
    private final AtomicLong produced = new AtomicLong();
    /** Frames taken out of the ring so far: advanced by the I/O side only, after their bytes are on their way. */
    private final AtomicLong consumed = new AtomicLong();
    /** The I/O side's two views of the ring: the part up to its end and the part that wrapped to its start. */
    private final ByteBuffer[] segments;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private volatile boolean failed;
    private volatile long framesDropped;
    /** The writer's own copy of {@link #produced}. */
    private long written;

    private FileChannel channel;
    private boolean finished;
    private long dataBytes;
    private long dataBytesAtLastHeader;
    private final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);

    /**
     * @param channels 1 for a mono mix, 2 for one party per channel
     * @param queueFrames frames that may wait for the disk before new ones are dropped (50 is one second)
     * @param io where writing happens; must not be the media clock's own threads
     */
    public WavRecorder(Path path, int channels, int queueFrames, Executor io, Listener listener) {
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("1 or 2 channels, not " + channels);
        }
        if (queueFrames < 1) {
            throw new IllegalArgumentException("a recording needs room for at least one frame, not " + queueFrames);
        }
        this.path = path;
        this.channels = channels;
        this.io = io;
        this.listener = listener;
        this.frameBytes = AudioFormat.FRAME_SAMPLES * 2 * channels;
        this.headerEveryBytes = (long) AudioFormat.SAMPLE_RATE * 2 * channels;
        this.capacity = queueFrames;
        this.ring = new byte[queueFrames * frameBytes];
        this.segments = new ByteBuffer[] {ByteBuffer.wrap(ring), ByteBuffer.wrap(ring)};
        this.batch = Math.max(1, Math.min(BATCH, queueFrames / 4));
        // Opening happens on the I/O executor too, so a bad path is reported without touching the caller's thread.
        scheduleDrain();
    }

    public Path path() {
        return path;
    }

    /**
     * Queues one frame. {@code right} must be null for mono and non-null for stereo.
     *
     * @return false if the frame was dropped: the recording failed or was closed, or the disk fell behind
     */
    public boolean write(short[] left, short[] right) {
        if (failed || closeRequested.get()) {
            return false;
        }
        if (written - consumed.get() >= capacity) {
            framesDropped++;
            return false;
        }
        byte[] buffer = ring;
        int b = (int) (written % capacity) * frameBytes;
        for (int i = 0; i < AudioFormat.FRAME_SAMPLES; i++) {
            short l = left[i];
            buffer[b++] = (byte) l;
            buffer[b++] = (byte) (l >> 8);
            if (channels == 2) {
                short r = right[i];
                buffer[b++] = (byte) r;
                buffer[b++] = (byte) (r >> 8);
            }
        }
        written++;
        // Release: the I/O side that sees the new count sees the frame's bytes.
        produced.lazySet(written);
        if (written - consumed.get() >= batch) {
            scheduleDrain();
        }
        return true;
    }

    /** Frames lost because the disk could not keep up. */
    public long framesDropped() {
        return framesDropped;
    }

    /** Finishes the file after the frames already queued; the listener hears the result. Idempotent. */
    @Override
    public void close() {
        if (closeRequested.compareAndSet(false, true)) {
            scheduleDrain();
        }
    }

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            io.execute(drainTask);
        }
    }

    private void open() {
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
            writeHeader();
            // Audio is appended at the channel's position; the header is rewritten in place without moving it.
            channel.position(HEADER_LENGTH);
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void drain() {
        if (channel == null && !failed) {
            open();
        }
        do {
            drainQueued();
            draining.set(false);
            // A batch filled, or a close asked for, after the last look but before the flag was cleared must not
            // wait for the next write (there may be none).
        } while ((produced.get() - consumed.get() >= batch || closeRequested.get() && !finished && !failed)
            && draining.compareAndSet(false, true));
    }

    /** Writes every frame in the ring; after a close was asked for, also finishes the file. */
    private void drainQueued() {
        // The close is read before the count: every frame written before the close was asked for is in the file.
        // A frame written while the close was being asked for comes too late to keep.
        boolean closing = closeRequested.get();
        long upTo = produced.get();
        long from = consumed.get();
        if (upTo > from && !failed && !finished) {
            int n = (int) (upTo - from);
            int first = (int) (from % capacity);
            int untilEnd = Math.min(n, capacity - first);
            segments[0].limit((first + untilEnd) * frameBytes).position(first * frameBytes);
            segments[1].limit((n - untilEnd) * frameBytes).position(0);
            try {
                long total = (long) n * frameBytes;
                long done = 0;
                while (done < total) {
                    done += channel.write(segments, 0, 2);
                }
                dataBytes += total;
                if (dataBytes - dataBytesAtLastHeader >= headerEveryBytes) {
                    writeHeader();
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }
        // Release: the writer that sees the new count may overwrite these slots.
        consumed.lazySet(upTo);
        if (closing) {
            finish();
        }
    }

    private void writeHeader() throws IOException {
        // RIFF/WAVE with a PCM "fmt " chunk (WAVE_FORMAT_PCM = 1), as in Microsoft's Multimedia Programming
        // Interface and Data Specifications 1.0.
        int blockAlign = 2 * channels;
        header.clear();
        header.put((byte) 'R').put((byte) 'I').put((byte) 'F').put((byte) 'F');
        header.putInt((int) (36 + dataBytes));
        header.put((byte) 'W').put((byte) 'A').put((byte) 'V').put((byte) 'E');
        header.put((byte) 'f').put((byte) 'm').put((byte) 't').put((byte) ' ');
        header.putInt(16);
        header.putShort((short) 1);
        header.putShort((short) channels);
        header.putInt(AudioFormat.SAMPLE_RATE);
        header.putInt(AudioFormat.SAMPLE_RATE * blockAlign);
        header.putShort((short) blockAlign);
        header.putShort((short) 16);
        header.put((byte) 'd').put((byte) 'a').put((byte) 't').put((byte) 'a');
        header.putInt((int) dataBytes);
        header.flip();
        while (header.hasRemaining()) {
            channel.write(header, header.position());
        }
        dataBytesAtLastHeader = dataBytes;
    }

    private void finish() {
        if (failed || finished) {
            return;
        }
        finished = true;
        try {
            writeHeader();
            channel.force(true);
            channel.close();
            long size = Files.size(path);
            Duration duration = Duration.ofMillis(dataBytes * 1000 / (2L * channels * AudioFormat.SAMPLE_RATE));
            listener.completed(path, duration, size, sha256(path));
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void fail(Exception e) {
        if (failed) {
            return;
        }
        failed = true;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // The recording has already failed; the first error is the one worth reporting.
            }
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        listener.failed(path, reason);
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] chunk = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                digest.update(chunk, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
