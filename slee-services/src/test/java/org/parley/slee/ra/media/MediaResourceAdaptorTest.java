package org.parley.slee.ra.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.slee.ra.media.Switchboard.activity;
import static org.parley.slee.ra.media.Switchboard.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.media.control.Bridge;
import org.parley.media.control.CapacityExhaustedException;
import org.parley.media.control.Endpoint;
import org.parley.media.control.EndpointId;
import org.parley.media.sdp.SdpParseException;
import org.parley.media.server.MediaServerConfig;
import org.parley.media.server.RtpMediaServer;
import org.parley.slee.ra.UnknownActivityException;
import org.parley.slee.ra.media.CallerAdaptor.Plan;
import org.parley.slee.runtime.ConvergenceVariable;
import org.parley.slee.runtime.Service;
import org.parley.slee.runtime.Slee;
import org.parley.time.ManualClock;
import org.parley.time.ManualScheduler;

/**
 * The media adaptor over a real media server on loopback, with test phones sending real RTP and RFC 4733 packets,
 * and a test SBB that answers calls with endpoints and writes down the media events it gets.
 */
class MediaResourceAdaptorTest {

    @TempDir
    Path dir;

    private final Switchboard switchboard = new Switchboard();
    private final CallerAdaptor caller = new CallerAdaptor(switchboard);
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(100));
    private final SwitchableExecutor events = new SwitchableExecutor(pool);
    private final ManualClock clock = new ManualClock(Clock.systemUTC().instant());
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<AutoCloseable> closeAfter = new CopyOnWriteArrayList<>();
    private RtpMediaServer server;
    private MediaResourceAdaptor adaptor;
    private MediaProvider media;
    private Slee slee;

    private void start(MediaServerConfig config) throws Exception {
        // A random even range, so parallel builds on this machine do not collide.
        int base = 40000 + 2 * ThreadLocalRandom.current().nextInt(5000);
        server = RtpMediaServer.start(config.withPorts(base, base + 99));
        slee = Slee.builder(events, clock, scheduler).build();
        slee.install(Service.builder("media-call", MediaCallSbb.class)
                .initialEvent(CallerAdaptor.Dial.class, ConvergenceVariable.ACTIVITY_CONTEXT).build());
        slee.addResourceAdaptor(CallerAdaptor.NAME, caller);
        adaptor = new MediaResourceAdaptor(server);
        slee.addResourceAdaptor(MediaResourceAdaptor.ENTITY_NAME, adaptor);
        media = (MediaProvider) adaptor.sbbInterface();
    }

    /** The default RTP timeout (30 s): no test but the one about timeouts sees one. */
    private void start() throws Exception {
        start(MediaServerConfig.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : closeAfter) {
            closeable.close();
        }
        if (slee != null) {
            slee.stop();
        }
        if (server != null) {
            server.close();
        }
        pool.shutdownNow();
    }

    /** Dials a leg from a new phone, waits for the SBB's answer and points the phone at the media server. */
    private Call dial(String leg, Plan plan) throws Exception {
        TestPhone phone = new TestPhone();
        closeAfter.add(phone);
        caller.dial(leg, phone.offer(), plan, dir.resolve(leg + ".wav"));
        AnsweredEndpoint answered = switchboard.awaitAnswered(leg);
        phone.answered(answered.answer());
        return new Call(phone, answered.endpoint());
    }

    private record Call(TestPhone phone, Endpoint endpoint) {
        String activity() {
            return Switchboard.activity(endpoint.id());
        }
    }

    @Test
    void rtpTimeoutsDigitsAndPlayDoneArriveInOrderOnTheActivityOfTheirEndpoint() throws Exception {
        start(MediaServerConfig.defaults().withRtpTimeout(Duration.ofSeconds(1)));
        Call a = dial("a", Plan.COLLECT);
        Call b = dial("b", Plan.NOTHING);
        // Neither phone has sent anything yet, so both time out first, whatever the machine's load.
        switchboard.awaitLine(a.activity(), "rtp timeout");
        switchboard.awaitLine(b.activity(), "rtp timeout");
        a.phone().startTalking();
        b.phone().startTalking();

        a.phone().press('1');
        b.phone().press('7');
        a.phone().press('2');
        a.phone().press('3');
        switchboard.awaitLine(a.activity(), "play done");
        switchboard.awaitLine(b.activity(), "digit 7");
        a.phone().stopTalking();
        await(() -> switchboard.lines(a.activity()).size() == 7, "a second RTP timeout on A");

        assertEquals(List.of("rtp timeout", "digit 1", "digit 2", "digit 3", "collected 123 MAX_DIGITS", "play done",
                "rtp timeout"), switchboard.lines(a.activity()));
        assertEquals(List.of("rtp timeout", "digit 7"), switchboard.lines(b.activity()));
    }

    @Test
    void closingAnEndpointEndsItsActivityAfterItsRecordingIsReported() throws Exception {
        start();
        Call a = dial("a", Plan.RECORD);
        a.phone().startTalking();
        assertEquals(2, slee.liveActivityCount(), "the leg and the endpoint");

        a.phone().press('#');
        switchboard.awaitLine(a.activity(), "end");

        assertEquals(List.of("recorded a.wav", "end"), switchboard.lines(a.activity()));
        assertTrue(Files.size(dir.resolve("a.wav")) > 44, "the recording holds audio");
        await(() -> slee.liveActivityCount() == 1, "only the leg left");
        assertTrue(media.endpoint(a.endpoint().id()).isEmpty());
        assertThrows(UnknownActivityException.class, () -> media.activityContextInterface(a.endpoint()));
    }

    @Test
    void closingABridgeEndsItsActivityAndLeavesItsEndpointOpen() throws Exception {
        start();
        Call a = dial("a", Plan.BRIDGE);
        Bridge bridge = switchboard.bridge("a").orElseThrow();
        assertEquals(bridge, media.bridge(bridge.id()).orElseThrow());

        bridge.close();
        switchboard.awaitLine(activity(bridge.id()), "end");

        assertEquals(List.of("end"), switchboard.lines(activity(bridge.id())));
        await(() -> media.bridge(bridge.id()).isEmpty(), "the bridge forgotten");
        assertTrue(media.endpoint(a.endpoint().id()).isPresent());
        assertEquals(List.of(), switchboard.lines(a.activity()));
    }

    @Test
    void aHandlerThatThrowsDoesNotStopLaterEvents() throws Exception {
        start();
        Call a = dial("a", Plan.NOTHING);
        a.phone().startTalking();

        a.phone().press('*');
        a.phone().press('4');
        switchboard.awaitLine(a.activity(), "digit 4");

        List<String> lines = switchboard.lines(a.activity());
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("rolled back DigitReceived") && lines.get(0).contains("digit=*"),
                lines.get(0));
        assertEquals("digit 4", lines.get(1));
    }

    @Test
    void eventsTheSleeRefusesAreCountedAndNeverThrownIntoTheMediaThread() throws Exception {
        start();
        Call a = dial("a", Plan.NOTHING);
        a.phone().startTalking();
        List<LogRecord> mediaWarnings = captureWarnings(RtpMediaServer.class.getName());

        events.refuse(true);
        a.phone().press('5');
        await(() -> adaptor.refusedEvents() == 1, "the digit refused");
        events.refuse(false);
        a.phone().press('6');
        switchboard.awaitLine(a.activity(), "digit 6");
        assertEquals(List.of("digit 6"), switchboard.lines(a.activity()));

        // An end the SLEE refuses is tried again on the scheduler until it goes through.
        events.refuse(true);
        a.endpoint().close();
        await(() -> adaptor.refusedEvents() == 2 && scheduler.pending() == 1, "the end refused and its retry due");
        events.refuse(false);
        scheduler.elapse(Duration.ofSeconds(1));
        switchboard.awaitLine(a.activity(), "end");

        assertEquals(List.of(), mediaWarnings, "nothing was thrown back into the media server");
    }

    @Test
    void anEndpointCreatedByAHandlerThatRollsBackIsClosedAndItsActivityEnds() throws Exception {
        start();
        TestPhone phone = new TestPhone();
        closeAfter.add(phone);
        caller.dial("a", phone.offer(), Plan.FAIL_AFTER_CREATING, dir.resolve("a.wav"));
        EndpointId created = switchboard.awaitCreated("a");

        await(() -> server.endpoint(created).isEmpty(), "the endpoint closed");
        await(() -> slee.liveActivityCount() == 1, "only the leg left");
        assertEquals(0, server.load().endpointsInUse());
    }

    @Test
    void anOfferThatCannotBeParsedLeavesNoEndpointBehind() throws Exception {
        start();
        assertThrows(SdpParseException.class, () -> media.answer("this is not SDP"));
        assertEquals(0, server.load().endpointsInUse());
        await(() -> slee.liveActivityCount() == 0, "the endpoint's activity ended");
    }

    @Test
    void capacityIsReportedSoCallControlCanAnswer503() throws Exception {
        start(MediaServerConfig.defaults().withMaxEndpoints(3));
        assertTrue(media.canAcceptCall());
        media.createEndpoint();
        media.createEndpoint();
        assertFalse(media.canAcceptCall());
        assertEquals(1, media.load().spareEndpoints());
        media.createEndpoint();
        assertThrows(CapacityExhaustedException.class, media::createEndpoint);
        assertEquals(3, slee.liveActivityCount(), "a refused endpoint starts no activity");
    }

    /** Warnings the named logger publishes from now until the test ends. */
    private List<LogRecord> captureWarnings(String loggerName) {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(loggerName);
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        closeAfter.add(() -> logger.removeHandler(handler));
        return records;
    }

    /** The SLEE's bounded executor, which the test can make refuse work as a saturated one does. */
    private static final class SwitchableExecutor implements Executor {

        private final Executor delegate;
        private volatile boolean refusing;

        SwitchableExecutor(Executor delegate) {
            this.delegate = delegate;
        }

        void refuse(boolean refuse) {
            refusing = refuse;
        }

        @Override
        public void execute(Runnable task) {
            if (refusing) {
                throw new RejectedExecutionException("saturated on purpose");
            }
            delegate.execute(task);
        }
    }
}
