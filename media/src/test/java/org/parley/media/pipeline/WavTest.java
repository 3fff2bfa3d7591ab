package org.parley.media.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.media.codec.g711.G711;

class WavTest {

    @TempDir
    Path dir;

    /** Captures the recorder's outcome. */
    static final class Outcome implements WavRecorder.Listener {
        Path path;
        Duration duration;
        long size;
        String sha256;
        String failure;
        int calls;

        @Override
        public void completed(Path p, Duration d, long s, String sha) {
            path = p;
            duration = d;
            size = s;
            sha256 = sha;
            calls++;
        }

        @Override
        public void failed(Path p, String reason) {
            path = p;
            failure = reason;
            calls++;
        }
    }

    @Test
    void stereoRecordingKeepsEachPartyOnItsOwnChannelAndReportsItsHash() throws Exception {
        Path file = dir.resolve("call.wav");
        Outcome outcome = new Outcome();
        WavRecorder recorder = new WavRecorder(file, 2, 50, Runnable::run, outcome);
        short[] left = new short[AudioFormat.FRAME_SAMPLES];
        short[] right = new short[AudioFormat.FRAME_SAMPLES];
        ToneGenerator tone = ToneGenerator.beep();
        for (int f = 0; f < 100; f++) {
            tone.fill(right, 0, right.length);
            assertTrue(recorder.write(left, right));
        }
        recorder.close();
        recorder.close();

        assertEquals(1, outcome.calls);
        assertNull(outcome.failure);
        assertEquals(Duration.ofSeconds(2), outcome.duration);
        assertEquals(44 + 100 * 160 * 4, outcome.size);
        assertEquals(Files.size(file), outcome.size);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), outcome.sha256);

        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(2, b.getShort(22));
        assertEquals(8000, b.getInt(24));
        assertEquals(32000, b.getInt(28));
        assertEquals(16, b.getShort(34));
        assertEquals(100 * 640, b.getInt(40));
        short[] l = new short[16000];
        short[] r = new short[16000];
        for (int i = 0; i < 16000; i++) {
            l[i] = b.getShort(44 + 4 * i);
            r[i] = b.getShort(46 + 4 * i);
        }
        assertEquals(0, Signals.rms(l, 0, l.length));
        assertEquals(1000, Signals.frequencyByZeroCrossings(r, 0, r.length), 2);
        assertFalse(recorder.write(left, right));
    }

    @Test
    void anInterruptedRecordingIsStillAPlayableFile() throws Exception {
        Path file = dir.resolve("crash.wav");
        Outcome outcome = new Outcome();
        WavRecorder recorder = new WavRecorder(file, 1, 50, Runnable::run, outcome);
        short[] frame = new short[AudioFormat.FRAME_SAMPLES];
        ToneGenerator tone = ToneGenerator.beep();
        for (int f = 0; f < 75; f++) {
            tone.fill(frame, 0, frame.length);
            recorder.write(frame, null);
        }
        // Never closed, as after a crash: the header covers at least the first full second, never more than was
        // written, and what it covers is the audio.
        assertEquals(0, outcome.calls);
        short[] played = WavReader.read(file);
        assertTrue(played.length >= 8000 && played.length <= 75 * 160, "header covers " + played.length);
        assertTrue(Files.size(file) >= 44 + 2L * played.length);
        assertEquals(1000, Signals.frequencyByZeroCrossings(played, 0, played.length), 2);
    }

    @Test
    void ioErrorsEndTheRecordingWithAnEventNotAnException() {
        Outcome missingDir = new Outcome();
        WavRecorder r1 = new WavRecorder(dir.resolve("no/such/dir/x.wav"), 1, 5, Runnable::run, missingDir);
        assertNotNull(missingDir.failure);
        assertFalse(r1.write(new short[160], null));
        r1.close();
        assertEquals(1, missingDir.calls);

        Path full = Path.of("/dev/full");
        if (Files.isWritable(full)) {
            Outcome diskFull = new Outcome();
            WavRecorder r2 = new WavRecorder(full, 1, 5, Runnable::run, diskFull);
            short[] frame = new short[AudioFormat.FRAME_SAMPLES];
            for (int i = 0; i < 100; i++) {
                r2.write(frame, null);
            }
            r2.close();
            assertEquals(1, diskFull.calls);
            assertTrue(diskFull.failure.contains("space"), diskFull.failure);
        }
    }

    @Test
    void framesBeyondTheQueueAreDroppedAndCountedWhileTheDiskLags() throws Exception {
        List<Runnable> pending = new ArrayList<>();
        Outcome outcome = new Outcome();
        WavRecorder recorder = new WavRecorder(dir.resolve("slow.wav"), 1, 3, pending::add, outcome);
        short[] frame = new short[AudioFormat.FRAME_SAMPLES];
        assertTrue(recorder.write(frame, null));
        assertTrue(recorder.write(frame, null));
        assertTrue(recorder.write(frame, null));
        assertFalse(recorder.write(frame, null));
        assertEquals(1, recorder.framesDropped());
        recorder.close();
        for (int i = 0; i < pending.size(); i++) {
            pending.get(i).run();
        }
        assertEquals(Duration.ofMillis(60), outcome.duration);
    }

    @Test
    void closeFromAnotherThreadWaitsForQueuedFrames() throws Exception {
        ExecutorService io = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Duration> done = new CompletableFuture<>();
            WavRecorder recorder = new WavRecorder(dir.resolve("async.wav"), 1, 50, io, new WavRecorder.Listener() {
                @Override
                public void completed(Path path, Duration duration, long sizeBytes, String sha256) {
                    done.complete(duration);
                }

                @Override
                public void failed(Path path, String reason) {
                    done.completeExceptionally(new IOException(reason));
                }
            });
            short[] frame = new short[AudioFormat.FRAME_SAMPLES];
            int written = 0;
            for (int f = 0; f < 500; f++) {
                if (recorder.write(frame, null)) {
                    written++;
                }
            }
            recorder.close();
            assertEquals(Duration.ofMillis(20L * written), done.get(10, TimeUnit.SECONDS));
            assertEquals(500 - written, recorder.framesDropped());
        } finally {
            io.shutdownNow();
        }
    }

    @Test
    void sixteenKilohertzPromptsAreFilteredAndDecimated() throws Exception {
        short[] in = new short[16000];
        short[] alias = new short[16000];
        for (int i = 0; i < in.length; i++) {
            in[i] = (short) Math.round(10000 * Math.sin(2 * Math.PI * 1000 * i / 16000.0));
            alias[i] = (short) Math.round(10000 * Math.sin(2 * Math.PI * 6000 * i / 16000.0));
        }
        short[] out = WavReader.read(writeWav("p16.wav", 1, 1, 16000, 16, pcm16(in)));
        assertEquals(8000, out.length);
        assertEquals(1000, Signals.frequencyByZeroCrossings(out, 100, out.length - 100), 2);
        assertEquals(10000 / Math.sqrt(2), Signals.rms(out, 100, out.length - 100), 10000 / Math.sqrt(2) * 0.06);
        short[] folded = WavReader.read(writeWav("a16.wav", 1, 1, 16000, 16, pcm16(alias)));
        // Without the filter 6 kHz would fold to 2 kHz at full level; with it, it is 40 dB down or more.
        assertTrue(Signals.rms(folded, 100, folded.length - 100) < 10000 / Math.sqrt(2) / 100);
    }

    @Test
    void acceptsG711AndStereoPrompts() throws Exception {
        byte[] mu = new byte[800];
        for (int i = 0; i < mu.length; i++) {
            mu[i] = G711.PCMU.encode((short) (i * 10));
        }
        short[] decoded = WavReader.read(writeWav("mu.wav", 7, 1, 8000, 8, mu));
        assertEquals(800, decoded.length);
        assertEquals(G711.PCMU.decode(mu[500]), decoded[500]);

        short[] stereo = {100, 300, -200, -400};
        short[] mono = WavReader.read(writeWav("st.wav", 1, 2, 8000, 16, pcm16(stereo)));
        assertEquals(2, mono.length);
        assertEquals(200, mono[0]);
        assertEquals(-300, mono[1]);
    }

    @Test
    void refusesUnsupportedPromptsSayingWhy() throws Exception {
        UnsupportedPromptException cd = assertThrows(UnsupportedPromptException.class,
            () -> WavReader.read(writeWav("cd.wav", 1, 2, 44100, 16, new byte[400])));
        assertTrue(cd.getMessage().contains("cd.wav is 16-bit PCM, 2 channel(s), 44100 Hz"), cd.getMessage());
        assertTrue(cd.getMessage().contains("8000 or 16000 Hz"));
        UnsupportedPromptException eight = assertThrows(UnsupportedPromptException.class,
            () -> WavReader.read(writeWav("u8.wav", 1, 1, 8000, 8, new byte[400])));
        assertTrue(eight.getMessage().contains("8-bit PCM"));
        Path text = dir.resolve("notes.wav");
        Files.writeString(text, "hello, this is not audio");
        assertTrue(assertThrows(UnsupportedPromptException.class, () -> WavReader.read(text)).getMessage()
            .contains("not a RIFF/WAVE file"));
    }

    private static byte[] pcm16(short[] samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    private Path writeWav(String name, int format, int channels, int rate, int bits, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 8 + data.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) format).putShort((short) channels).putInt(rate)
            .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        // An unknown chunk before the data, as editors write (LIST/INFO): must be skipped.
        b.put("LIST".getBytes()).putInt(0);
        b.put("data".getBytes()).putInt(data.length).put(data);
        Path file = dir.resolve(name);
        Files.write(file, b.array());
        return file;
    }
}
