package org.parley.it.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.it.ParleyDeployment;

/**
 * DTMF relay end to end: SIPp phones set up a call through the deployed Parley, offering RFC 4733 telephone-event on
 * both legs; the test plays the caller, sending PCMU with three digits as telephone-events from its own socket to the
 * media port of Parley's answer, and listens where the callee's answer pointed its media. What the callee receives
 * must be Parley's own re-sent events (Parley's media is anchored, so nothing reaches the callee from the caller
 * directly): the same digits in order, each one event starting with the marker bit and closed with end-bit packets
 * that carry the duration the caller signalled for that digit.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DtmfRelayIT {

    /** The payload type both SIPp phones give telephone-event in their SDP. */
    private static final int TELEPHONE_EVENT = 101;
    private static final int PCMU = 0;
    /** RFC 4733 §3.2: 0-9 are the digits, 10 is *, 11 is #. */
    private static final List<Integer> SENT_EVENTS = List.of(1, 5, 11);
    /** How long the caller holds each digit, in 8 kHz timestamp units: 60 ms, 161 ms (not whole packets), 100 ms. */
    private static final List<Integer> SENT_DURATIONS = List.of(480, 1288, 800);
    private static final int FRAME = 160;
    private static final Pattern PARLEY_PORT = Pattern.compile("parley-media-port (\\d+)");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ParleyDeployment.earWithTestSupport();
    }

    @Test
    void digitsTheCallerSendsAsTelephoneEventsReachTheCalleeAsTelephoneEvents() throws Exception {
        Sipp.Call call = Sipp.Call.registered("register-digest.xml");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int bobPort = call.calleePort();
        try (DatagramSocket calleeMedia = new DatagramSocket(0, loopback);
             DatagramSocket callerMedia = new DatagramSocket(0, loopback)) {
            Process callee = Sipp.answer("callee-answer-rtp-to-test.xml", bobPort, "-key", "rtp_sink",
                    String.valueOf(calleeMedia.getLocalPort()));
            Listener listener = new Listener(calleeMedia);
            Thread listening = new Thread(listener, "dtmf-it-callee-media");
            listening.start();

            Path dir = Files.createTempDirectory("dtmf-it");
            Process caller = Sipp.startIn(dir, "caller-call-rtp-from-test.xml",
                    List.of(call.callerLine()), Sipp.freePort(), "-mp",
                    String.valueOf(Sipp.freePort()), "-auth_uri", call.authUri(), "-trace_logs");
            int parleyPort = awaitParleyPort(dir, caller);
            sendAudioWithDigits(callerMedia, new InetSocketAddress(loopback, parleyPort));

            if (!caller.waitFor(60, TimeUnit.SECONDS)) {
                caller.destroyForcibly();
                fail("the caller did not finish (see " + dir + ")");
            }
            assertEquals(0, caller.exitValue(), "the caller's call passed (see " + dir + ")");
            assertTrue(callee.waitFor(30, TimeUnit.SECONDS), "the callee got its BYE");
            assertEquals(0, callee.exitValue(), "the callee's call passed");
            listener.stop();
            listening.join(5000);

            List<Rtp> received = listener.received;
            List<Rtp> events = received.stream().filter(p -> p.payloadType() == TELEPHONE_EVENT).toList();
            assertFalse(events.isEmpty(), "the callee got telephone-events; it got " + summary(received));
            assertTrue(received.stream().anyMatch(p -> p.payloadType() == PCMU), "and the call's audio");
            // One RFC 4733 event is every packet with its start timestamp (§2.3.1).
            Map<Long, List<Rtp>> byEvent = events.stream().collect(Collectors.groupingBy(Rtp::timestamp,
                    LinkedHashMap::new, Collectors.toList()));
            assertEquals(SENT_EVENTS, byEvent.values().stream().map(packets -> packets.get(0).event()).toList(),
                    "the digits, in order: " + summary(received));
            for (List<Rtp> event : byEvent.values()) {
                int code = event.get(0).event();
                assertTrue(event.stream().allMatch(p -> p.event() == code), "one event code per event: " + event);
                Rtp first = event.stream().min((a, b) -> Integer.compare(a.sequence(), b.sequence())).orElseThrow();
                assertTrue(first.marker(), "an event starts with the marker bit (RFC 4733 §2.5.1.2): " + event);
                assertTrue(event.stream().anyMatch(Rtp::end), "an event ends with the E bit (§2.5.1.4): " + event);
                int lastUpdate = event.stream().filter(p -> !p.end()).mapToInt(Rtp::sequence).max().orElse(-1);
                int firstEnd = event.stream().filter(Rtp::end).mapToInt(Rtp::sequence).min().orElseThrow();
                assertTrue(lastUpdate < firstEnd, "no update after the end: " + event);
                assertTrue(event.stream().filter(Rtp::end).allMatch(p -> p.duration() > 0), "the end says how long");
            }
            assertEquals(SENT_DURATIONS, byEvent.values().stream().map(event -> event.stream().filter(Rtp::end)
                    .mapToInt(Rtp::duration).max().orElseThrow()).toList(),
                    "each digit keeps the duration the caller signalled: " + summary(received));
        }
    }

    /** The media port of Parley's answer to the caller, which the caller scenario logs. */
    private static int awaitParleyPort(Path dir, Process caller) throws Exception {
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
            if (!caller.isAlive()) {
                fail("the caller ended before Parley answered (see " + dir + ")");
            }
            Thread.sleep(50);
        }
        fail("no answer from Parley to the caller (see " + dir + ")");
        return -1;
    }

    /**
     * Half a second of PCMU silence, then each digit as an RFC 4733 event of its {@link #SENT_DURATIONS} (an update
     * every 20 ms, the first with the marker bit, then the end packet three times, §2.5.1.4) with 300 ms of silence
     * after it, paced at 20 ms. The event's packets carry its start timestamp while the RTP clock runs on, as a phone
     * sends them.
     */
    private static void sendAudioWithDigits(DatagramSocket socket, InetSocketAddress parley) throws Exception {
        List<byte[]> packets = new ArrayList<>();
        int[] sequence = {4000};
        long[] timestamp = {160_000};
        int ssrc = 0x5eed1234;
        silence(packets, sequence, timestamp, ssrc, 25);
        for (int k = 0; k < SENT_EVENTS.size(); k++) {
            int event = SENT_EVENTS.get(k);
            int held = SENT_DURATIONS.get(k);
            long start = timestamp[0];
            List<Integer> durations = new ArrayList<>();
            for (int d = FRAME; d < held; d += FRAME) {
                durations.add(d);
            }
            int updates = durations.size();
            durations.addAll(List.of(held, held, held));
            for (int i = 0; i < durations.size(); i++) {
                boolean end = i >= updates;
                ByteBuffer packet = header(i == 0, TELEPHONE_EVENT, sequence[0]++, start, ssrc, 4);
                packet.put((byte) event).put((byte) ((end ? 0x80 : 0) | 10)).putShort((short) (int) durations.get(i));
                packets.add(packet.array());
                timestamp[0] += FRAME;
            }
            silence(packets, sequence, timestamp, ssrc, 15);
        }
        silence(packets, sequence, timestamp, ssrc, 25);
        long next = System.nanoTime();
        for (byte[] packet : packets) {
            socket.send(new DatagramPacket(packet, packet.length, parley));
            next += 20_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }

    private static void silence(List<byte[]> packets, int[] sequence, long[] timestamp, int ssrc, int frames) {
        for (int i = 0; i < frames; i++) {
            ByteBuffer packet = header(false, PCMU, sequence[0]++, timestamp[0], ssrc, FRAME);
            byte[] silence = new byte[FRAME];
            // µ-law 0xFF is zero amplitude.
            Arrays.fill(silence, (byte) 0xFF);
            packet.put(silence);
            packets.add(packet.array());
            timestamp[0] += FRAME;
        }
    }

    /** RFC 3550 §5.1: version 2, no padding, extension or CSRC. */
    private static ByteBuffer header(boolean marker, int payloadType, int sequence, long timestamp, int ssrc,
                                     int payloadLength) {
        ByteBuffer packet = ByteBuffer.allocate(12 + payloadLength);
        packet.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | payloadType)).putShort((short) sequence)
                .putInt((int) timestamp).putInt(ssrc);
        return packet;
    }

    private static String summary(List<Rtp> received) {
        return received.size() + " packets, payload types "
                + received.stream().map(Rtp::payloadType).distinct().toList() + ", events "
                + received.stream().filter(p -> p.payloadType() == TELEPHONE_EVENT).map(Rtp::toString).toList();
    }

    /** One RTP packet the callee's media port received. */
    private record Rtp(int payloadType, boolean marker, int sequence, long timestamp, byte[] payload) {

        static Optional<Rtp> parse(DatagramPacket datagram) {
            if (datagram.getLength() < 12 || (datagram.getData()[0] & 0xC0) != 0x80) {
                return Optional.empty();
            }
            ByteBuffer buffer = ByteBuffer.wrap(datagram.getData(), 0, datagram.getLength());
            buffer.get();
            int second = buffer.get() & 0xFF;
            int sequence = buffer.getShort() & 0xFFFF;
            long timestamp = buffer.getInt() & 0xFFFFFFFFL;
            buffer.getInt();
            byte[] payload = new byte[buffer.remaining()];
            buffer.get(payload);
            return Optional.of(new Rtp(second & 0x7F, (second & 0x80) != 0, sequence, timestamp, payload));
        }

        int event() {
            return payload[0] & 0xFF;
        }

        boolean end() {
            return (payload[1] & 0x80) != 0;
        }

        int duration() {
            return ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF);
        }

        @Override
        public String toString() {
            return "event " + event() + (marker ? " M" : "") + (end() ? " E" : "") + " seq " + sequence + " ts "
                    + timestamp + " dur " + duration();
        }
    }

    /** Collects what arrives on the callee's media port until stopped. */
    private static final class Listener implements Runnable {

        final List<Rtp> received = new CopyOnWriteArrayList<>();
        private final DatagramSocket socket;
        private volatile boolean stopped;

        Listener(DatagramSocket socket) {
            this.socket = socket;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[2048];
            try {
                socket.setSoTimeout(200);
                while (!stopped) {
                    DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
                    try {
                        socket.receive(datagram);
                    } catch (SocketTimeoutException e) {
                        continue;
                    }
                    Rtp.parse(datagram).ifPresent(received::add);
                }
            } catch (IOException e) {
                if (!stopped) {
                    throw new IllegalStateException("the callee's media port failed", e);
                }
            }
        }

        void stop() {
            stopped = true;
        }
    }
}
