package org.parley.media.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.parley.media.codec.g711.G711;
import org.parley.media.control.Bridge;
import org.parley.media.control.Endpoint;
import org.parley.media.control.MediaEvent;
import org.parley.media.control.RecordingRequest;
import org.parley.media.pipeline.ToneGenerator;
import org.parley.media.rtp.RtpPacketWriter;
import org.parley.media.sdp.SdpParser;

/**
 * Bridges and records N concurrent 2-party calls with real RTP over loopback, fed by its own load generator (20 ms
 * PCMU packets on both legs of every call), and prints one line per step of the curve: server, JVM (GC, JIT) and generator CPU
 * (each as % of one core), tick lateness p50/p99/max, loss counted from RTP sequence numbers at the generator, and
 * recording MB written, and heap bytes allocated per packet by the media threads. A measuring tool, not a test: run it on an otherwise idle machine.
 *
 * <pre>
 * mvn -q -f media test-compile
 * java -cp media/target/classes:media/target/test-classes org.parley.media.server.BridgeBenchmark 100,250,500 10
 * </pre>
 *
 * Arguments: the call counts of the curve (default 100,250,500,750,1000) and seconds measured per step (default
 * 10). Recordings go to a temporary directory that is deleted at the end.
 */
public final class BridgeBenchmark {

    private static final String GENERATOR_THREAD = "bench-generator";

    /** One leg of a call as the generator sees it: its socket and what it has received. */
    private static final class Leg {
        final DatagramChannel channel;
        InetSocketAddress server;
        int sequence;
        long timestamp;
        final int ssrc;
        long firstSequence = -1;
        long highest;
        long received;

        Leg(int ssrc) throws IOException {
            this.ssrc = ssrc;
            channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            channel.configureBlocking(false);
        }

        String offer() throws IOException {
            int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            return "v=0\r\no=bench 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
        }

        void answered(String sdp) throws Exception {
            var sd = SdpParser.parse(sdp);
            server = new InetSocketAddress(sd.addressOf(sd.media().get(0)).orElseThrow(), sd.media().get(0).port());
        }

        void onPacket(int seq) {
            if (firstSequence < 0) {
                firstSequence = seq;
                highest = seq;
            } else {
                long delta = (seq - (highest & 0xFFFF)) & 0xFFFF;
                if (delta != 0 && delta < 0x8000) {
                    highest += delta;
                }
            }
            received++;
        }

        long expected() {
            return firstSequence < 0 ? 0 : highest - firstSequence + 1;
        }
    }

    private record Call(Endpoint a, Endpoint b, Bridge bridge, Leg legA, Leg legB) {
    }

    private final List<Leg> legs = new ArrayList<>();
    private final AtomicLong recordedBytes = new AtomicLong();
    private volatile boolean running = true;

    public static void main(String[] args) throws Exception {
        int[] steps = Stream.of((args.length > 0 ? args[0] : "100,250,500,750,1000").split(","))
            .mapToInt(Integer::parseInt).toArray();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        new BridgeBenchmark().run(steps, seconds);
    }

    private void run(int[] steps, int seconds) throws Exception {
        int max = Math.max(1, java.util.Arrays.stream(steps).max().orElse(1));
        Path dir = Files.createTempDirectory("parley-bench");
        MediaServerConfig config = MediaServerConfig.defaults().withPorts(20000, 29999).withMaxEndpoints(2 * max);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Call> calls = new ArrayList<>();
        Thread generator = new Thread(this::generate, GENERATOR_THREAD);
        try (RtpMediaServer server = RtpMediaServer.start(config)) {
            generator.start();
            System.out.println("calls  server-cpu%  jvm-cpu%  generator-cpu%  late-p50-ms  late-p99-ms  late-max-ms  "
                + "sent  lost  loss%  MB-written  alloc-B/pkt");
            for (int target : steps) {
                while (calls.size() < target) {
                    calls.add(call(server, dir, calls.size()));
                }
                Thread.sleep(2000);
                long[] before = cpu(threads);
                long processBefore = processCpu();
                long allocatedBefore = mediaAllocatedBytes(threads);
                java.util.Map<String, Long> roleBefore = cpuByRole(threads);
                long lostBefore = lost();
                long expectedBefore = expected();
                server.mediaClock().forgetLateness();
                long start = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                long wall = System.nanoTime() - start;
                long[] after = cpu(threads);
                long process = processCpu() - processBefore;
                long allocated = mediaAllocatedBytes(threads) - allocatedBefore;
                java.util.Map<String, Long> roleAfter = cpuByRole(threads);
                long expectedInWindow = expected() - expectedBefore;
                long lostInWindow = lost() - lostBefore;
                MediaClock clock = server.mediaClock();
                System.out.printf("%5d  %11.1f  %8.1f  %14.1f  %11.2f  %11.2f  %11.2f  %6d  %4d  %5.2f  %10.1f  %11.1f%n",
                    target, 100.0 * (after[0] - before[0]) / wall,
                    100.0 * (process - (after[0] - before[0]) - (after[1] - before[1])) / wall,
                    100.0 * (after[1] - before[1]) / wall,
                    clock.latenessPercentile(50) / 1e6, clock.latenessPercentile(99) / 1e6,
                    clock.latenessPercentile(100) / 1e6, expectedInWindow, lostInWindow,
                    expectedInWindow == 0 ? 0 : 100.0 * lostInWindow / expectedInWindow,
                    sizeOf(dir) / 1e6, expectedInWindow == 0 ? 0 : (double) allocated / (2 * expectedInWindow));
                StringBuilder roles = new StringBuilder("       server CPU by role:");
                for (var e : roleAfter.entrySet()) {
                    roles.append(String.format(" %s %.1f%%", e.getKey(),
                        100.0 * (e.getValue() - roleBefore.getOrDefault(e.getKey(), 0L)) / wall));
                }
                System.out.println(roles);
            }
            running = false;
            generator.join(2000);
            for (Call c : calls) {
                c.bridge().close();
                c.a().close();
                c.b().close();
            }
        } finally {
            running = false;
            for (Leg leg : legs) {
                leg.channel.close();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        System.out.printf("recordings completed: %.1f MB, deleted%n", recordedBytes.get() / 1e6);
    }

    private Call call(RtpMediaServer server, Path dir, int index) throws Exception {
        Leg la = new Leg(2 * index + 1);
        Leg lb = new Leg(2 * index + 2);
        Endpoint a = server.createEndpoint(this::onEvent);
        Endpoint b = server.createEndpoint(this::onEvent);
        la.answered(a.answer(la.offer()));
        lb.answered(b.answer(lb.offer()));
        Bridge bridge = server.createBridge();
        bridge.join(a);
        bridge.join(b);
        bridge.record(new RecordingRequest(dir.resolve("call-" + index + ".wav"), RecordingRequest.Layout.STEREO_SPLIT),
            a);
        synchronized (legs) {
            legs.add(la);
            legs.add(lb);
        }
        return new Call(a, b, bridge, la, lb);
    }

    private void onEvent(MediaEvent event) {
        if (event instanceof MediaEvent.RecordingCompleted done) {
            recordedBytes.addAndGet(done.sizeBytes());
        } else if (event instanceof MediaEvent.RecordingFailed failed) {
            System.err.println("recording failed: " + failed.reason());
        }
    }

    /** The generator: every 20 ms one PCMU packet on every leg, then everything that came back, counted. */
    private void generate() {
        short[] tone = new short[160];
        ToneGenerator.beep().fill(tone, 0, 160);
        byte[] payload = new byte[160];
        G711.PCMU.encode(tone, 0, payload, 0, 160);
        ByteBuffer out = ByteBuffer.allocateDirect(172);
        ByteBuffer in = ByteBuffer.allocateDirect(2048);
        long next = System.nanoTime();
        while (running) {
            Leg[] snapshot;
            synchronized (legs) {
                snapshot = legs.toArray(Leg[]::new);
            }
            for (Leg leg : snapshot) {
                out.clear();
                RtpPacketWriter.writeHeader(out, false, 0, leg.sequence, leg.timestamp, leg.ssrc);
                out.put(payload);
                out.flip();
                leg.sequence = (leg.sequence + 1) & 0xFFFF;
                leg.timestamp += 160;
                try {
                    leg.channel.send(out, leg.server);
                } catch (IOException e) {
                    return;
                }
            }
            for (Leg leg : snapshot) {
                try {
                    while (true) {
                        in.clear();
                        if (leg.channel.receive(in) == null) {
                            break;
                        }
                        // Only the bridged audio counts: the server's RTCP reports go to port + 1, which on
                        // loopback is often the next leg's socket.
                        if (in.position() >= 12 && (in.get(1) & 0x7F) == 0 && (in.get(0) & 0xC0) == 0x80) {
                            synchronized (leg) {
                                leg.onPacket(in.getShort(2) & 0xFFFF);
                            }
                        }
                    }
                } catch (IOException e) {
                    return;
                }
            }
            next += 20_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    private long expected() {
        long sum = 0;
        synchronized (legs) {
            for (Leg leg : legs) {
                synchronized (leg) {
                    sum += leg.expected();
                }
            }
        }
        return sum;
    }

    private long lost() {
        long sum = 0;
        synchronized (legs) {
            for (Leg leg : legs) {
                synchronized (leg) {
                    sum += leg.expected() - leg.received;
                }
            }
        }
        return sum;
    }

    /**
     * CPU nanoseconds used so far by the whole process. What neither the server's threads nor the generator used is
     * the JVM's own work (garbage collection with its concurrent refinement, the JIT), almost all of it done for the
     * server: printed as its own column, so that a change that moves work from the media threads into the JVM shows.
     */
    private static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getProcessCpuTime() : 0;
    }

    /** CPU nanoseconds used so far by the server's threads and by the generator's. */
    private static long[] cpu(ThreadMXBean threads) {
        long server = 0;
        long generator = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long t = threads.getThreadCpuTime(info.getThreadId());
            if (t < 0) {
                continue;
            }
            if (info.getThreadName().startsWith("parley-media-")) {
                server += t;
            } else if (info.getThreadName().equals(GENERATOR_THREAD)) {
                generator += t;
            }
        }
        return new long[] {server, generator};
    }

    /**
     * Heap bytes allocated so far by the threads on the per-packet path (clock workers and RTP receive). Divided by
     * the packets moved (each packet the generator expects back was received once and sent once by the server) it
     * shows whether the hot path allocates per packet: the JDK's scheduler alone costs some 32 bytes per tick and
     * worker, so a figure well under one object per packet means the media path itself allocates nothing.
     */
    private static long mediaAllocatedBytes(ThreadMXBean threads) {
        if (!(threads instanceof com.sun.management.ThreadMXBean hotspot)) {
            return 0;
        }
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("parley-media-clock")
                || info.getThreadName().startsWith("parley-media-rtp-receive"))) {
                long bytes = hotspot.getThreadAllocatedBytes(info.getThreadId());
                if (bytes > 0) {
                    sum += bytes;
                }
            }
        }
        return sum;
    }

    /** Server CPU nanoseconds by thread role (clock, rtp-receive, events, io). */
    private static java.util.Map<String, Long> cpuByRole(ThreadMXBean threads) {
        java.util.Map<String, Long> byRole = new java.util.TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("parley-media-")) {
                String role = info.getThreadName().substring("parley-media-".length()).replaceAll("-\\d+$", "");
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t > 0) {
                    byRole.merge(role, t, Long::sum);
                }
            }
        }
        return byRole;
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
