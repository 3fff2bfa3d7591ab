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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records 20 ms frames to a WAV file (16-bit PCM, 8 kHz, one or two channels) without ever blocking the media clock:
 * {@link #write} copies the frame into a preallocated buffer and hands it to an I/O executor, which writes it.
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
    private static final ByteBuffer CLOSE = ByteBuffer.allocate(0);
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
    private final ByteBuffer[] gather;
    private final ArrayBlockingQueue<ByteBuffer> free;
    private final ArrayBlockingQueue<ByteBuffer> filled;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private volatile boolean failed;
    private volatile long framesDropped;

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
        this.path = path;
        this.channels = channels;
        this.io = io;
        this.listener = listener;
        this.frameBytes = AudioFormat.FRAME_SAMPLES * 2 * channels;
        this.headerEveryBytes = (long) AudioFormat.SAMPLE_RATE * 2 * channels;
        this.free = new ArrayBlockingQueue<>(queueFrames);
        this.filled = new ArrayBlockingQueue<>(queueFrames + 1);
        for (int i = 0; i < queueFrames; i++) {
            free.add(ByteBuffer.wrap(new byte[frameBytes]));
        }
        this.batch = Math.max(1, Math.min(BATCH, queueFrames / 4));
        this.gather = new ByteBuffer[queueFrames];
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
        ByteBuffer frame = free.poll();
        if (frame == null) {
            framesDropped++;
            return false;
        }
        byte[] buffer = frame.array();
        int b = 0;
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
        filled.add(frame);
        if (filled.size() >= batch) {
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
            filled.add(CLOSE);
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
            // A frame queued after the queue looked empty but before the flag was cleared must not wait for the next.
        } while (!filled.isEmpty() && draining.compareAndSet(false, true));
    }

    private void drainQueued() {
        while (true) {
            boolean closing = false;
            int n = 0;
            ByteBuffer frame;
            while (n < gather.length && (frame = filled.poll()) != null) {
                if (frame == CLOSE) {
                    closing = true;
                    break;
                }
                frame.clear();
                gather[n++] = frame;
            }
            if (n == 0 && !closing) {
                return;
            }
            // A frame can slip in behind the close marker when write() raced close(); it comes too late to keep.
            if (n > 0 && !failed && !finished) {
                try {
                    long total = (long) n * frameBytes;
                    long written = 0;
                    while (written < total) {
                        written += channel.write(gather, 0, n);
                    }
                    dataBytes += total;
                    if (dataBytes - dataBytesAtLastHeader >= headerEveryBytes) {
                        writeHeader();
                    }
                } catch (IOException | RuntimeException e) {
                    fail(e);
                }
            }
            for (int i = 0; i < n; i++) {
                free.offer(gather[i]);
                gather[i] = null;
            }
            if (closing) {
                finish();
            }
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
