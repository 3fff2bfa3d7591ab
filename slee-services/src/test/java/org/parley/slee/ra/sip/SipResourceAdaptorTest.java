package org.parley.slee.ra.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.sip.RequestEvent;
import javax.sip.header.RetryAfterHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.slee.runtime.ConvergenceVariable;
import org.parley.slee.runtime.Service;
import org.parley.slee.runtime.Slee;
import org.parley.time.ManualClock;
import org.parley.time.ManualScheduler;

/** The adaptor on 127.0.0.1 with a second JAIN SIP stack as the peer: every request gets a final response. */
class SipResourceAdaptorTest {

    private final ThreadPoolExecutor events = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(100));
    private Slee slee;
    private SipResourceAdaptor adaptor;
    /** One phone for the class: a JAIN SIP stack takes a second to stop; each test still gets a fresh SLEE. */
    private static SipTestPhone phone;

    @BeforeAll
    static void startPhone() throws Exception {
        phone = new SipTestPhone("udp");
    }

    @AfterAll
    static void stopPhone() {
        phone.close();
    }

    private int start(Executor executor) throws Exception {
        ManualClock clock = new ManualClock(Clock.systemUTC().instant());
        slee = Slee.builder(executor, clock, new ManualScheduler(clock)).build();
        slee.install(Service.builder("probe", SipProbeSbb.class)
                .initialEvent(RequestEvent.class, ConvergenceVariable.EVENT).build());
        int port = SipTestPhone.freePort();
        adaptor = new SipResourceAdaptor(new SipEndpointConfig("127.0.0.1", port, List.of("udp", "tcp"),
                Duration.ofSeconds(7), 10_000));
        slee.addResourceAdaptor(SipResourceAdaptor.ENTITY_NAME, adaptor);
        return port;
    }

    @AfterEach
    void stop() {
        if (slee != null) {
            slee.stop();
        }
        events.shutdownNow();
    }

    @Test
    void answeredRequestGetsTheSbbsResponseOverUdpAndTcp() throws Exception {
        int port = start(events);
        assertEquals(Response.OK, phone.send(phone.request(Request.OPTIONS, "1001", "127.0.0.1", port))
                .getStatusCode());
        try (SipTestPhone tcpPhone = new SipTestPhone("tcp")) {
            assertEquals(Response.OK, tcpPhone.send(tcpPhone.request(Request.OPTIONS, "1001", "127.0.0.1", port))
                    .getStatusCode());
        }
    }

    @Test
    void aNonInviteTransactionsActivityEndsWithItsFinalResponseNotWhenTheStackForgetsIt() throws Exception {
        int port = start(events);
        assertEquals(Response.OK, phone.send(phone.request(Request.OPTIONS, "1001", "127.0.0.1", port))
                .getStatusCode());
        // The stack keeps the transaction 32 s more (Timer J); the SLEE's activity for it must not wait for that.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (slee.liveActivityCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, slee.liveActivityCount());
    }

    @Test
    void handlerThatThrowsLeadsTo500() throws Exception {
        int port = start(events);
        assertEquals(Response.SERVER_INTERNAL_ERROR,
                phone.send(phone.request(Request.MESSAGE, "1001", "127.0.0.1", port)).getStatusCode());
    }

    @Test
    void requestNobodyAnsweredGets500() throws Exception {
        int port = start(events);
        assertEquals(Response.SERVER_INTERNAL_ERROR,
                phone.send(phone.request(Request.INFO, "1001", "127.0.0.1", port)).getStatusCode());
    }

    /**
     * A phone that sends its REGISTER over TCP and hangs up before the answer (or whose connection breaks): the answer
     * cannot be delivered, which is the phone's loss, not the SBB's failure. {@code send} returns as it does for a UDP
     * datagram lost on the way, so what the SBB did (a binding stored) is not undone by a rollback.
     */
    @Test
    void anAnswerThePeerHungUpOnIsLostQuietlyNotAFailureOfTheSbb() throws Exception {
        int port = start(events);
        SipProbeSbb.WORK = new CompletableFuture<>();
        SipProbeSbb.ANSWERED = new CompletableFuture<>();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            int local = socket.getLocalPort();
            String register = "REGISTER sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP 127.0.0.1:" + local + ";branch=z9hG4bK-hangs-up-" + local + ";rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:1001@127.0.0.1>;tag=hangs-up\r\n"
                    + "To: <sip:1001@127.0.0.1>\r\n"
                    + "Call-ID: hangs-up-" + local + "@127.0.0.1\r\n"
                    + "CSeq: 1 REGISTER\r\n"
                    + "Contact: <sip:1001@127.0.0.1:" + local + ";transport=tcp>\r\n"
                    + "Content-Length: 0\r\n\r\n";
            socket.getOutputStream().write(register.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // The SBB has it once it is deferred: the activity is live.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (slee.liveActivityCount() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, slee.liveActivityCount(), "the REGISTER reached the SBB");
        }
        Thread.sleep(200);
        SipProbeSbb.WORK.complete("Too-Late");
        SipProbeSbb.ANSWERED.get(10, TimeUnit.SECONDS);
    }

    @Test
    void deferredRequestIsAnsweredWhenTheWorkCompletes() throws Exception {
        int port = start(events);
        SipProbeSbb.WORK = new CompletableFuture<>();
        CompletableFuture<String> work = SipProbeSbb.WORK;
        events.execute(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            work.complete("Looked-Up");
        });
        Response response = phone.send(phone.request(Request.REGISTER, "1001", "127.0.0.1", port));
        assertEquals(Response.ACCEPTED, response.getStatusCode());
        assertEquals("Looked-Up", response.getReasonPhrase());
    }

    @Test
    void saturatedSleeAnswers503WithRetryAfter() throws Exception {
        Executor refusing = task -> {
            throw new RejectedExecutionException("full");
        };
        int port = start(refusing);
        Response response = phone.send(phone.request(Request.OPTIONS, "1001", "127.0.0.1", port));
        assertEquals(Response.SERVICE_UNAVAILABLE, response.getStatusCode());
        RetryAfterHeader retryAfter = (RetryAfterHeader) response.getHeader(RetryAfterHeader.NAME);
        assertNotNull(retryAfter);
        assertEquals(7, retryAfter.getRetryAfter());
    }

    @Test
    void aUdpFloodMeetsABoundedIntakeAndTheListenerStillAnswersAfterIt() throws Exception {
        int port = start(events);
        assertEquals(SipResourceAdaptor.UDP_INTAKE_DATAGRAMS, adaptor.udpIntakeCapacity(),
                "the stack's own queue of unread datagrams has no bound");
        assertTrue(adaptor.udpReadsExactDatagrams(), "the stack allocates its largest message size per datagram");
        // Far more OPTIONS than the intake holds, as fast as loopback takes them.
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
        try (DatagramChannel flood = DatagramChannel.open()) {
            flood.bind(new InetSocketAddress("127.0.0.1", 0));
            int from = ((InetSocketAddress) flood.getLocalAddress()).getPort();
            for (int i = 0; i < 20 * SipResourceAdaptor.UDP_INTAKE_DATAGRAMS; i++) {
                flood.send(ByteBuffer.wrap(options(port, from, i).getBytes(StandardCharsets.US_ASCII)), target);
            }
        }
        // After the flood the next request is heard and answered: the UDP thread is alive.
        Response after = null;
        for (int attempt = 0; attempt < 10 && (after == null || after.getStatusCode() != Response.OK); attempt++) {
            after = phone.send(phone.request(Request.OPTIONS, "1001", "127.0.0.1", port));
        }
        assertEquals(Response.OK, after.getStatusCode());
        assertNull(SipListenerProbe.problem("127.0.0.1", port, Duration.ofSeconds(5)));
    }

    /** The stack's threads must not outrank the media server's clock where Java priorities reach the kernel. */
    @Test
    void theStacksThreadsRunAtTheNormalPriorityNotTheHighest() throws Exception {
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        start(events);
        java.util.List<Thread> stack = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t))
                .filter(t -> t.getName().contains("MessageChannelThread")
                        || t.getName().startsWith("MessageProcessorThread"))
                .toList();
        assertFalse(stack.isEmpty(), "the started stack's threads");
        assertTrue(stack.stream().allMatch(t -> t.getPriority() == Thread.NORM_PRIORITY), stack::toString);
    }

    /** The health check probes every second or so; JAIN SIP must not log an error for any of them. */
    @Test
    void healthProbesLeaveNoErrorInTheStacksLog() throws Exception {
        int port = start(events);
        java.util.logging.Logger stackLog = java.util.logging.Logger.getLogger("org.parley.slee.ra.sip.jain-sip");
        java.util.List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    errors.add(record.getLevel() + " " + record.getMessage()
                            + (record.getThrown() == null ? "" : " (" + record.getThrown() + ")"));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        stackLog.addHandler(handler);
        try {
            for (int i = 0; i < 100; i++) {
                assertNull(SipListenerProbe.problem("127.0.0.1", port, Duration.ofSeconds(5)));
            }
            Thread.sleep(500);
        } finally {
            stackLog.removeHandler(handler);
        }
        assertEquals(List.of(), errors);
    }

    private static String options(int port, int from, int n) {
        return "OPTIONS sip:1001@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + from + ";branch=z9hG4bK-flood-" + n + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:flood@127.0.0.1>;tag=f" + n + "\r\n"
                + "To: <sip:1001@127.0.0.1>\r\n"
                + "Call-ID: flood-" + n + "@127.0.0.1\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    @Test
    void probeFindsTheListenerAnsweringUntilItStops() throws Exception {
        int port = start(events);
        SleeSipProvider provider = (SleeSipProvider) adaptor.sbbInterface();
        assertTrue(provider.isListening());
        assertNull(SipListenerProbe.problem("127.0.0.1", port, Duration.ofSeconds(1)));
        slee.stop();
        assertFalse(provider.isListening());
        assertNotNull(SipListenerProbe.problem("127.0.0.1", port, Duration.ofMillis(300)));
    }
}
