package org.parley.it.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.it.Fixtures;
import org.parley.it.Http;
import org.parley.it.ParleyDeployment;

/**
 * A call between two registered SIPp phones through the deployed Parley: digest-authenticated INVITE, ringing,
 * answer, three seconds of RTP from the caller that the callee echoes, BYE. The call shows in the active calls while
 * it lasts, and its CDR afterwards carries media figures for both legs — counted by Parley's media server, so the
 * audio went through Parley and not phone to phone. The same with a caller whose INVITE has no SDP (delayed offer):
 * Parley offers in its 200 and the caller answers in its ACK. And with both phones behind NAT, their SDP naming
 * private addresses while their RTP comes from where their SIP does, with a stranger trying to take the streams.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CallIT {

    private static final Pattern PARLEY_PORT = Pattern.compile("parley-media-port (\\d+)");
    private static final Pattern CALL_ID = Pattern.compile("(?im)^Call-ID:\\s*(\\S+)");
    /** 20 ms of PCMU at 8 kHz. */
    private static final int FRAME = 160;
    /** Three seconds of audio each phone sends. */
    private static final int FRAMES = 150;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ParleyDeployment.earWithTestSupport();
    }

    @Test
    void twoPhonesTalkThroughParleyAndTheCallLeavesACdr() throws Exception {
        call("register-digest.xml", "caller-call.xml");
    }

    /** The callee's Contact names an address nobody listens on; Parley calls it where its REGISTER came from. */
    @Test
    void aPhoneBehindNatIsCalledWhereItRegisteredFrom() throws Exception {
        call("register-natted.xml", "caller-call.xml");
    }

    /** RFC 3261 §13.2.1: the caller's INVITE has no SDP; Parley's 200 offers, the caller's ACK answers. */
    @Test
    void aCallerWithoutAnOfferAnswersParleysOfferInItsAckAndTheAudioFlowsBothWays() throws Exception {
        call("register-digest.xml", "caller-call-delayed-offer.xml");
    }

    /**
     * A phone on a fast path ACKs our 200 within microseconds, before JAIN SIP has started the 200's retransmission
     * timer, which is how its dialog recognises the ACK; unhelped, it sent the 200 again after 500 ms on 13-25 % of
     * calls (EarlyAcks). Thirty calls, each 200 counted in the caller's message log: at most one may come twice
     * (an ACK really delayed past 500 ms on a loaded machine); unhelped, one in a hundred runs would pass.
     */
    @Test
    void theCallersFirstAckStopsParleysOk() throws Exception {
        Sipp.Call call = Sipp.Call.registered("register-digest.xml");
        int calls = 30;
        Process callee = Sipp.answer("callee-answer.xml", call.calleePort(), "-mp", String.valueOf(mediaPort()), "-m",
                String.valueOf(calls));
        Path dir = callerDirectoryWithTone();
        Process caller = Sipp.startIn(dir, "caller-call.xml",
                Collections.nCopies(calls, call.callerLine()), Sipp.freePort(), "-mp", String.valueOf(mediaPort()),
                "-auth_uri", call.authUri(), "-trace_msg");
        if (!caller.waitFor(90, TimeUnit.SECONDS)) {
            caller.destroyForcibly();
            fail("the caller did not finish");
        }
        assertEquals(0, caller.exitValue(), "every call passed (see " + dir + ")");
        assertTrue(callee.waitFor(30, TimeUnit.SECONDS), "the callee got its BYEs");

        Map<String, Integer> oks = new HashMap<>();
        try (var logs = Files.list(dir)) {
            for (Path log : logs.filter(f -> f.getFileName().toString().endsWith("_messages.log")).toList()) {
                // SIPp separates the messages it logs with a line of dashes and a timestamp.
                for (String message : Files.readString(log).split("\n-{10,}")) {
                    Matcher callId = CALL_ID.matcher(message);
                    if (message.contains("SIP/2.0 200 OK") && message.matches("(?is).*CSeq:\\s*\\d+ INVITE.*")
                            && callId.find()) {
                        oks.merge(callId.group(1), 1, Integer::sum);
                    }
                }
            }
        }
        assertEquals(calls, oks.size(), "a 200 to every call's INVITE is in the caller's log: " + oks);
        long twice = oks.values().stream().filter(n -> n > 1).count();
        assertTrue(twice <= 1, twice + " of " + calls + " calls got the 200 again although their ACK had come: " + oks);
    }

    /**
     * Both phones behind NAT, modelled on loopback: the caller's SDP names 127.0.0.7 and the callee's 127.0.0.8 (their
     * private addresses, where nobody listens for RTP), the callee's Contact 127.0.0.2; their SIP and RTP come from
     * 127.0.0.1. The test sends each phone's RTP from a socket on 127.0.0.1 to the media port Parley gave that leg,
     * and a stranger on 127.0.0.5 sends to both ports first and then now and again. Parley latches each leg to the
     * phone's SIP source: both phones get the call's audio, the stranger gets nothing and is not counted.
     */
    @Test
    void phonesBehindNatTalkFromTheirSipSourceAndAStrangerDoesNotHijackTheStreams() throws Exception {
        Sipp.Call call = Sipp.Call.registered("register-natted.xml");
        Http api = call.tenant().api();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int bobPort = call.calleePort();
        try (DatagramSocket callerMedia = new DatagramSocket(0, loopback);
             DatagramSocket calleeMedia = new DatagramSocket(0, loopback);
             DatagramSocket stranger = new DatagramSocket(0, InetAddress.getByName("127.0.0.5"))) {
            Path calleeDir = Files.createTempDirectory("call-it-nat-callee");
            Process callee = Sipp.answerIn(calleeDir, "callee-answer-rtp-to-test.xml", bobPort, "-mi", "127.0.0.8",
                    "-mp", String.valueOf(mediaPort()), "-key", "rtp_sink", String.valueOf(calleeMedia.getLocalPort()),
                    "-trace_logs");
            Path callerDir = Files.createTempDirectory("call-it-nat-caller");
            Process caller = Sipp.startIn(callerDir, "caller-call-rtp-from-test.xml",
                    List.of(call.callerLine()), Sipp.freePort(), "-mi", "127.0.0.7", "-mp",
                    String.valueOf(mediaPort()), "-auth_uri", call.authUri(), "-trace_logs");
            InetSocketAddress parleyForCaller = new InetSocketAddress(loopback, awaitParleyPort(callerDir, caller));
            InetSocketAddress parleyForCallee = new InetSocketAddress(loopback, awaitParleyPort(calleeDir, callee));

            Counter atCaller = new Counter(callerMedia);
            Counter atCallee = new Counter(calleeMedia);
            Counter atStranger = new Counter(stranger);
            List<Thread> listening = Stream.of(atCaller, atCallee, atStranger).map(Thread::new).toList();
            listening.forEach(Thread::start);
            byte[] strangerPacket = rtp(0x0BAD, 1, 0);
            for (int i = 0; i < 10; i++) {
                stranger.send(new DatagramPacket(strangerPacket, strangerPacket.length, parleyForCaller));
                stranger.send(new DatagramPacket(strangerPacket, strangerPacket.length, parleyForCallee));
            }
            long next = System.nanoTime();
            for (int i = 0; i < FRAMES; i++) {
                byte[] fromCaller = rtp(0x6001, i, (long) i * FRAME);
                byte[] fromCallee = rtp(0x6002, i, (long) i * FRAME);
                callerMedia.send(new DatagramPacket(fromCaller, fromCaller.length, parleyForCaller));
                calleeMedia.send(new DatagramPacket(fromCallee, fromCallee.length, parleyForCallee));
                if (i % 10 == 5) {
                    stranger.send(new DatagramPacket(strangerPacket, strangerPacket.length, parleyForCaller));
                    stranger.send(new DatagramPacket(strangerPacket, strangerPacket.length, parleyForCallee));
                }
                next += 20_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }

            if (!caller.waitFor(60, TimeUnit.SECONDS)) {
                caller.destroyForcibly();
                fail("the caller did not finish (see " + callerDir + ")");
            }
            assertEquals(0, caller.exitValue(), "the caller's call passed (see " + callerDir + ")");
            assertTrue(callee.waitFor(30, TimeUnit.SECONDS), "the callee got its BYE");
            assertEquals(0, callee.exitValue(), "the callee's call passed (see " + calleeDir + ")");
            Stream.of(atCaller, atCallee, atStranger).forEach(Counter::stop);
            for (Thread thread : listening) {
                thread.join(5000);
            }
            // Parley sends every 20 ms once latched; before, only to the private addresses nobody listens on.
            assertTrue(atCaller.packets.get() >= 100, "the caller got the call's audio: " + atCaller.packets);
            assertTrue(atCallee.packets.get() >= 100, "the callee got the call's audio: " + atCallee.packets);
            assertEquals(0, atStranger.packets.get(), "the stranger was sent the call's audio");
        }

        assertTrue(Fixtures.eventually(Duration.ofSeconds(20), () -> api.get("/api/v1/cdrs").array().stream()
                .anyMatch(c -> c.asJsonObject().containsKey("endedAt"))),
                () -> api.get("/api/v1/cdrs").toString());
        JsonObject cdr = api.get("/api/v1/cdrs").array().getJsonObject(0);
        assertEquals("ANSWERED", cdr.getString("disposition"));
        JsonObject callerLeg = cdr.getJsonObject("callerLeg");
        JsonObject calleeLeg = cdr.getJsonObject("calleeLeg");
        // Each leg counts the phone's packets and none of the stranger's (more than the phone sent would be).
        assertTrue(callerLeg.getInt("packetsReceived") >= 100, "Parley received the caller's audio: " + cdr);
        assertTrue(callerLeg.getInt("packetsReceived") <= FRAMES, "and only the caller's: " + cdr);
        assertTrue(calleeLeg.getInt("packetsReceived") >= 100, "Parley received the callee's audio: " + cdr);
        assertTrue(calleeLeg.getInt("packetsReceived") <= FRAMES, "and only the callee's: " + cdr);
    }

    /** The media port of Parley's SDP to a phone, which the phone's scenario logs. */
    private static int awaitParleyPort(Path dir, Process sipp) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path log : files.filter(f -> f.getFileName().toString().endsWith("_logs.log")).toList()) {
                    Matcher matcher = PARLEY_PORT.matcher(Files.readString(log));
                    if (matcher.find()) {
                        return Integer.parseInt(matcher.group(1));
                    }
                }
            }
            if (!sipp.isAlive()) {
                fail("SIPp ended before Parley's SDP reached it (see " + dir + ")");
            }
            Thread.sleep(50);
        }
        fail("no SDP from Parley (see " + dir + ")");
        return -1;
    }

    /** One PCMU packet of silence (RFC 3550 §5.1 header; µ-law 0xFF is zero amplitude). */
    private static byte[] rtp(int ssrc, int sequence, long timestamp) {
        ByteBuffer packet = ByteBuffer.allocate(12 + FRAME);
        packet.put((byte) 0x80).put((byte) 0).putShort((short) sequence).putInt((int) timestamp).putInt(ssrc);
        byte[] silence = new byte[FRAME];
        Arrays.fill(silence, (byte) 0xFF);
        return packet.put(silence).array();
    }

    /** Counts the datagrams a socket receives until stopped. */
    private static final class Counter implements Runnable {

        final AtomicInteger packets = new AtomicInteger();
        private final DatagramSocket socket;
        private volatile boolean stopped;

        Counter(DatagramSocket socket) {
            this.socket = socket;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[2048];
            try {
                socket.setSoTimeout(200);
                while (!stopped) {
                    try {
                        socket.receive(new DatagramPacket(buffer, buffer.length));
                        packets.incrementAndGet();
                    } catch (SocketTimeoutException e) {
                        // look at the stop flag again
                    }
                }
            } catch (IOException e) {
                if (!stopped) {
                    throw new IllegalStateException("a test media socket failed", e);
                }
            }
        }

        void stop() {
            stopped = true;
        }
    }

    private static void call(String calleeRegistration, String callerScenario) throws Exception {
        Sipp.Call call = Sipp.Call.registered(calleeRegistration);
        Http api = call.tenant().api();
        Process callee = Sipp.answer("callee-answer.xml", call.calleePort(), "-mp", String.valueOf(mediaPort()),
                "-rtp_echo");

        Path callerDir = callerDirectoryWithTone();

        Process caller = Sipp.startIn(callerDir, callerScenario,
                List.of(call.callerLine()), Sipp.freePort(), "-mp", String.valueOf(mediaPort()), "-auth_uri",
                call.authUri());
        assertTrue(Fixtures.eventually(Duration.ofSeconds(20), () -> api.get("/api/v1/calls/active").array()
                .stream().anyMatch(c -> "CONNECTED".equals(c.asJsonObject().getString("state")))),
                "the call shows as connected while it lasts");

        if (!caller.waitFor(60, TimeUnit.SECONDS)) {
            caller.destroyForcibly();
            fail("the caller did not finish");
        }
        assertEquals(0, caller.exitValue(), "the caller's call passed (see sipp-it* in the temp directory)");
        assertTrue(callee.waitFor(30, TimeUnit.SECONDS), "the callee got its BYE");
        assertEquals(0, callee.exitValue(), "the callee's call passed");

        assertTrue(Fixtures.eventually(Duration.ofSeconds(20), () -> api.get("/api/v1/cdrs").array().stream()
                .anyMatch(c -> c.asJsonObject().containsKey("endedAt"))),
                () -> api.get("/api/v1/cdrs").toString());
        JsonObject cdr = api.get("/api/v1/cdrs").array().getJsonObject(0);
        assertEquals("6001", cdr.getString("caller"));
        assertEquals("6002", cdr.getString("callee"));
        assertEquals("ANSWERED", cdr.getString("disposition"));
        assertEquals("CALLER", cdr.getString("hangupSide"));
        assertEquals(200, cdr.getInt("finalCode"));
        assertEquals("PCMU", cdr.getString("codec"));
        JsonObject callerLeg = cdr.getJsonObject("callerLeg");
        JsonObject calleeLeg = cdr.getJsonObject("calleeLeg");
        // 3 s of 20 ms packets is 150; allow for start-up and the last packets in flight at the BYE.
        assertTrue(callerLeg.getInt("packetsReceived") >= 100, "Parley received the caller's audio: " + cdr);
        assertTrue(calleeLeg.getInt("packetsSent") >= 100, "Parley sent it on to the callee: " + cdr);
        assertTrue(calleeLeg.getInt("packetsReceived") >= 100, "Parley received the callee's echo: " + cdr);
        assertTrue(callerLeg.getInt("packetsSent") >= 100, "Parley sent the echo back to the caller: " + cdr);
        assertEquals(0, api.get("/api/v1/calls/active").array().size(), "no call is left in progress");
    }

    /** A working directory for a caller SIPp holding tone.pcmu, the 1 kHz tone its scenario streams. */
    private static Path callerDirectoryWithTone() throws Exception {
        Path dir = Files.createTempDirectory("call-it");
        Process sox = new ProcessBuilder("sox", "-n", "-r", "8000", "-c", "1", "-e", "u-law", "-t", "raw",
                dir.resolve("tone.pcmu").toString(), "synth", "5", "sine", "1000").redirectErrorStream(true).start();
        assertTrue(sox.waitFor(30, TimeUnit.SECONDS) && sox.exitValue() == 0, "sox made the caller's tone");
        return dir;
    }

    private static int mediaPort() throws Exception {
        int port = Sipp.freePort();
        return port % 2 == 0 ? port : Sipp.freePort();
    }
}
