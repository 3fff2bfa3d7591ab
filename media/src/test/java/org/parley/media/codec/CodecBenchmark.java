package org.parley.media.codec;

import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.function.IntToLongFunction;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;

import org.parley.media.codec.g711.G711;
import org.parley.media.codec.opus.Opus;
import org.parley.media.pipeline.DtmfDetector;

/**
 * What each codec costs per 20 ms frame on one core: encode and decode time, heap bytes allocated, and so how many
 * call legs one core could transcode both ways (a leg encodes one frame and decodes one per tick); then what in-band
 * DTMF detection costs a leg per frame. A measuring tool, not a test: run it on an otherwise idle machine.
 *
 * <pre>
 * mvn -q -f media test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp media/target/classes:media/target/test-classes:$(cat media/target/classpath.txt) \
 *     org.parley.media.codec.CodecBenchmark [seconds per codec and round, default 10]
 * </pre>
 */
public final class CodecBenchmark {

    private static final int FRAME = 160;
    private static final int FRAMES = 500;

    private CodecBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        short[] speech = speechBand(FRAMES * FRAME);
        byte[][] browser = browserStream();
        // A first round only warms up: Concentus's code paths keep being compiled for a good while.
        for (boolean print : new boolean[] {false, true}) {
            if (print) {
                System.out.println("codec                          encode us/frame  decode us/frame  alloc B/frame"
                    + "  legs/core");
            }
            run("PCMU", G711.PCMU, null, speech, seconds, print);
            run("opus (ours, 8 kHz SILK NB)", Opus.CODEC, null, speech, seconds, print);
            run("opus (from a browser: hybrid)", Opus.CODEC, browser, speech, seconds, print);
        }
        // In-band DTMF detection runs on every leg whose peer did not negotiate RFC 4733, on all its audio; while a
        // tone (or speech loud enough) is present it filters every block, otherwise an energy check skips it.
        short[] digit = dtmf(FRAMES * FRAME);
        inBandDetection(digit, seconds / 2);
        System.out.printf("%nin-band DTMF detection (Goertzel), a digit's tones present: %.2f us/frame%n",
            inBandDetection(digit, seconds / 2));
    }

    /** The digit 5 (770 + 1336 Hz) at about -10 dBm0 per tone, on and off every 100 ms. */
    private static short[] dtmf(int samples) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            double t = i / 8000.0;
            boolean on = (i / 800) % 2 == 0;
            s[i] = on ? (short) Math.round(3500 * (Math.sin(2 * Math.PI * 770 * t)
                + Math.sin(2 * Math.PI * 1336 * t))) : 0;
        }
        return s;
    }

    /** Microseconds of thread CPU per 20 ms frame through one detector per leg, 1,000 legs. */
    private static double inBandDetection(short[] audio, double seconds) {
        DtmfDetector[] legs = new DtmfDetector[1000];
        for (int i = 0; i < legs.length; i++) {
            legs[i] = new DtmfDetector();
        }
        return timed(seconds, legs.length, k -> {
            long sink = 0;
            for (DtmfDetector leg : legs) {
                sink += leg.process(audio, k * FRAME, FRAME);
            }
            return sink;
        })[0];
    }

    /** Two moving tones and some noise at a speech-like level: enough for an encoder to work on. */
    private static short[] speechBand(int samples) {
        Random random = new Random(7);
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            double t = i / 8000.0;
            double v = 3000 * Math.sin(2 * Math.PI * (300 + 100 * Math.sin(t)) * t)
                + 1500 * Math.sin(2 * Math.PI * 1700 * t) + 500 * random.nextGaussian();
            s[i] = (short) Math.round(v);
        }
        return s;
    }

    /** Packets as a browser sends them: 48 kHz, 32 kbit/s, which Opus codes as hybrid SILK + CELT. */
    private static byte[][] browserStream() throws Exception {
        OpusEncoder encoder = new OpusEncoder(48000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        encoder.setBitrate(32_000);
        Random random = new Random(3);
        byte[][] packets = new byte[FRAMES][];
        short[] wide = new short[960];
        byte[] out = new byte[1500];
        for (int k = 0; k < FRAMES; k++) {
            for (int n = 0; n < wide.length; n++) {
                double t = (k * 960 + n) / 48000.0;
                wide[n] = (short) Math.round(3000 * Math.sin(2 * Math.PI * 300 * t)
                    + 1500 * Math.sin(2 * Math.PI * 5500 * t) + 500 * random.nextGaussian());
            }
            int len = encoder.encode(wide, 0, wide.length, out, 0, out.length);
            packets[k] = java.util.Arrays.copyOf(out, len);
        }
        return packets;
    }

    private static void run(String name, AudioCodec codec, byte[][] incoming, short[] speech, double seconds,
                            boolean print) {
        AudioCodec.Encoder encoder = codec.newEncoder("");
        AudioCodec.Decoder decoder = codec.newDecoder();
        byte[][] packets = incoming;
        if (packets == null) {
            packets = new byte[FRAMES][];
            byte[] out = new byte[1500];
            AudioCodec.Encoder own = codec.newEncoder("");
            for (int k = 0; k < FRAMES; k++) {
                int len = own.encode(speech, k * FRAME, FRAME, out, 0, out.length);
                packets[k] = java.util.Arrays.copyOf(out, len);
            }
        }
        byte[] payload = new byte[1500];
        short[] pcm = new short[640];
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        double[] encode = loop(encoder, decoder, packets, speech, payload, pcm, seconds / 2, true);
        double[] decode = loop(encoder, decoder, packets, speech, payload, pcm, seconds / 2, false);
        long bytes = threads.getCurrentThreadAllocatedBytes() - allocated;
        double perLegMicros = encode[0] + decode[0];
        if (!print) {
            return;
        }
        System.out.printf("%-30s %15.1f  %15.1f  %13.0f  %9.0f%n", name, encode[0], decode[0],
            bytes / (encode[1] + decode[1]), 20_000 / perLegMicros);
    }

    /** Returns microseconds per frame and the frames done. */
    private static double[] loop(AudioCodec.Encoder encoder, AudioCodec.Decoder decoder, byte[][] packets,
                                 short[] speech, byte[] payload, short[] pcm, double seconds, boolean encoding) {
        return timed(seconds, 1, k -> encoding ? encoder.encode(speech, k * FRAME, FRAME, payload, 0, payload.length)
            : decoder.decode(packets[k], 0, packets[k].length, pcm, 0, pcm.length));
    }

    /**
     * Runs {@code frame} over the {@link #FRAMES} frames again and again for about {@code seconds}; returns the thread's
     * CPU microseconds per frame and leg, and the frames done. What {@code frame} returns is kept, so the work cannot be
     * optimised away.
     */
    private static double[] timed(double seconds, int legs, IntToLongFunction frame) {
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long frames = 0;
        long sink = 0;
        while (System.nanoTime() < end) {
            for (int k = 0; k < FRAMES; k++) {
                sink += frame.applyAsLong(k);
            }
            frames += (long) FRAMES * legs;
        }
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart;
        if (sink == 42) {
            System.out.print("");
        }
        return new double[] {cpu / 1000.0 / frames, frames};
    }
}
