package org.parley.media.server;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.parley.media.control.Bridge;
import org.parley.media.control.BridgeId;
import org.parley.media.control.BridgeListener;
import org.parley.media.control.CapacityExhaustedException;
import org.parley.media.control.Endpoint;
import org.parley.media.control.EndpointId;
import org.parley.media.control.LoadReport;
import org.parley.media.control.MediaEvent;
import org.parley.media.control.MediaListener;
import org.parley.media.control.MediaServer;

/**
 * Parley's media server over UDP: {@link MediaServer} implemented with NIO sockets, a selector thread for receiving,
 * the media clock's workers for mixing and sending, an I/O executor for files, and one event thread so each
 * listener sees its events in order.
 */
public final class RtpMediaServer implements MediaServer {

    private static final System.Logger LOG = System.getLogger(RtpMediaServer.class.getName());

    private final MediaServerConfig config;
    private final Clock clock;
    private final PortPool ports;
    private final MediaClock mediaClock;
    private final ReceiveLoop receiveLoop;
    private final ExecutorService events;
    private final ExecutorService io;
    private final PromptCache prompts = new PromptCache();
    private final ConcurrentHashMap<EndpointId, RtpEndpoint> endpoints = new ConcurrentHashMap<>();
    private final Set<MixingBridge> bridges = ConcurrentHashMap.newKeySet();
    private final AtomicInteger reserved = new AtomicInteger();
    private volatile boolean closed;

    private RtpMediaServer(MediaServerConfig config, Clock clock, Function<String, ThreadFactory> threads)
        throws IOException {
        this.config = config;
        this.clock = clock;
        this.ports = new PortPool(config.bindAddress(), config.rtpPortMin(), config.rtpPortMax());
        this.mediaClock = new MediaClock(config.workers(), urgent(threads.apply("clock")), System::nanoTime,
            MediaClock.threadCpuTime());
        this.receiveLoop = new ReceiveLoop(urgent(threads.apply("rtp-receive")), System::nanoTime);
        this.events = Executors.newSingleThreadExecutor(threads.apply("events"));
        // Two threads: recordings of a thousand calls are sequential appends, bound by the disk, not the CPU.
        this.io = Executors.newFixedThreadPool(2, threads.apply("io"));
    }

    /** Starts a server with the system clock and daemon threads named by role ({@code parley-media-clock-1}, ...). */
    public static RtpMediaServer start(MediaServerConfig config) throws IOException {
        return new RtpMediaServer(config, Clock.systemUTC(), RtpMediaServer::named);
    }

    /**
     * Starts a server.
     *
     * @param clock the wall clock for event timestamps and digit timeouts
     * @param threads where threads come from; inside WildFly, a managed thread factory
     */
    public static RtpMediaServer start(MediaServerConfig config, Clock clock, ThreadFactory threads)
        throws IOException {
        return new RtpMediaServer(config, clock, role -> threads);
    }

    /**
     * The clock workers and the receive thread run at the highest Java priority: a tick that waits for a core behind
     * call set-ups, database writes or a benchmark's load generators is heard as a gap (as Asterisk's {@code -p} and
     * FreeSWITCH's {@code -rp} raise their media threads). On Linux the JVM passes Java priorities to the kernel only
     * with {@code -XX:ThreadPriorityPolicy=1} (set by {@code run.sh}), and the kernel raises a thread above the
     * others only for a process allowed to (root, or {@code CAP_SYS_NICE}); otherwise the priority is ignored and
     * nothing else changes.
     */
    private static ThreadFactory urgent(ThreadFactory threads) {
        return r -> {
            Thread t = threads.newThread(r);
            t.setPriority(Thread.MAX_PRIORITY);
            return t;
        };
    }

    private static ThreadFactory named(String role) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "parley-media-" + role + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public Endpoint createEndpoint(MediaListener listener) {
        if (closed) {
            throw new IllegalStateException("media server is closed");
        }
        if (reserved.incrementAndGet() > config.maxEndpoints()) {
            reserved.decrementAndGet();
            throw new CapacityExhaustedException("all " + config.maxEndpoints() + " endpoints are in use");
        }
        try {
            RtpEndpoint e = new RtpEndpoint(this, listener, ports.allocate());
            endpoints.put(e.id(), e);
            return e;
        } catch (RuntimeException e) {
            reserved.decrementAndGet();
            throw e;
        }
    }

    @Override
    public Optional<Endpoint> endpoint(EndpointId id) {
        return Optional.ofNullable(endpoints.get(id));
    }

    @Override
    public Bridge createBridge(BridgeListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException("media server is closed");
        }
        MixingBridge b = new MixingBridge(this, listener);
        bridges.add(b);
        return b;
    }

    @Override
    public LoadReport load() {
        return new LoadReport(endpoints.size(), config.maxEndpoints(), mediaClock.cpuUsed(), mediaClock.budgetUsed(),
            Duration.ofNanos(mediaClock.latenessPercentile(99)));
    }

    @Override
    public void close() {
        closed = true;
        for (MixingBridge b : bridges) {
            b.close();
        }
        for (RtpEndpoint e : endpoints.values()) {
            e.close();
        }
        mediaClock.close();
        receiveLoop.close();
        // Let recordings finish their files and the last events reach their listeners.
        io.shutdown();
        awaitQuietly(io);
        events.shutdown();
        awaitQuietly(events);
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "media executor did not finish in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- for endpoints and bridges

    MediaServerConfig config() {
        return config;
    }

    Clock clock() {
        return clock;
    }

    long nanoTime() {
        return System.nanoTime();
    }

    MediaClock mediaClock() {
        return mediaClock;
    }

    ReceiveLoop receiveLoop() {
        return receiveLoop;
    }

    ExecutorService io() {
        return io;
    }

    PromptCache prompts() {
        return prompts;
    }

    boolean owns(RtpEndpoint e) {
        return endpoints.get(e.id()) == e;
    }

    void released(RtpEndpoint e) {
        if (endpoints.remove(e.id(), e)) {
            ports.release(e.rtpPort());
            reserved.decrementAndGet();
        }
    }

    void released(MixingBridge b) {
        bridges.remove(b);
    }

    /** Hands an event to the event thread; a failing listener is logged and does not disturb anything else. */
    void deliver(MediaListener listener, MediaEvent event) {
        post(() -> listener.onEvent(event), event);
    }

    /** Tells a bridge's listener, on the event thread, that the bridge closed. */
    void deliverClosed(BridgeListener listener, BridgeId bridge) {
        post(() -> listener.closed(bridge), "closing of bridge " + bridge);
    }

    private void post(Runnable notification, Object what) {
        try {
            events.execute(() -> {
                try {
                    notification.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "media listener failed on " + what, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "event after shutdown dropped: " + what);
        }
    }
}
