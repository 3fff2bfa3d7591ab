package org.parley.media.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.media.control.Endpoint;
import org.parley.media.control.PlayRequest;
import org.parley.media.control.StreamStats;
import org.parley.media.control.ToneKind;
import org.parley.media.pipeline.ToneGenerator;
import org.parley.media.rtp.rtcp.ReportBlock;
import org.parley.media.rtp.rtcp.RtcpReader;
import org.parley.media.rtp.rtcp.RtcpWriter;

/** Quality figures measured on real streams: a clean one and one with 5 % loss and jitter added. */
class QualityIT {

    private RtpMediaServer server;

    @BeforeEach
    void start() throws Exception {
        int base = 40000 + 2 * ThreadLocalRandom.current().nextInt(5000);
        server = RtpMediaServer.start(MediaServerConfig.defaults().withPorts(base, base + 99)
            .withRtcpInterval(Duration.ofMillis(300)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void lossAndJitterShowInTheFiguresAndLowerTheMos() throws Exception {
        try (Phone clean = new Phone("127.0.0.1"); Phone lossy = new Phone("127.0.0.1")) {
            Endpoint ec = server.createEndpoint(e -> { });
            Endpoint el = server.createEndpoint(e -> { });
            clean.answered(ec.answer(clean.offer(false, "sendrecv")));
            lossy.answered(el.answer(lossy.offer(false, "sendrecv")));

            // Both streams: 150 packets of 20 ms. The lossy one loses every 20th and is delayed by 0-40 ms.
            record Send(long atMillis, Phone phone, int k) {
            }
            Random random = new Random(5);
            List<Send> schedule = new ArrayList<>();
            for (int k = 0; k < 150; k++) {
                schedule.add(new Send(20L * k, clean, k));
                if (k % 20 != 10) {
                    schedule.add(new Send(20L * k + random.nextInt(41), lossy, k));
                }
            }
            schedule.sort(Comparator.comparingLong(Send::atMillis));
            short[] frame = new short[160];
            ToneGenerator.beep().fill(frame, 0, 160);
            long t0 = System.nanoTime();
            for (Send s : schedule) {
                long wait = t0 + s.atMillis() * 1_000_000L - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                s.phone().sendAudioAt(500 + s.k(), 8000 + 160L * s.k(), frame);
            }
            Thread.sleep(100);

            StreamStats c = ec.stats();
            StreamStats l = el.stats();
            assertEquals(150, c.packetsReceived());
            assertEquals(0, c.packetsLost());
            assertEquals(143, l.packetsReceived(), "150 sent minus 7 dropped");
            assertEquals(7, l.packetsLost());
            assertEquals(7.0 / 150, l.lossFraction(), 1e-9);
            assertTrue(c.jitterMillis() < 5, "clean jitter " + c.jitterMillis());
            assertTrue(l.jitterMillis() > 8, "lossy jitter " + l.jitterMillis());
            assertTrue(c.mos() > 4.2, "clean MOS " + c.mos());
            assertTrue(l.mos() < 4.0 && l.mos() < c.mos() - 0.3, "lossy MOS " + l.mos() + " vs clean " + c.mos());
        }
    }

    @Test
    void sendsRtcpReportsBackToWhereThePeersComeFrom() throws Exception {
        try (Phone a = new Phone("127.0.0.1")) {
            Endpoint ea = server.createEndpoint(e -> { });
            a.answered(ea.answer(a.offer(false, "sendrecv")));
            // Something to send (a leg with nothing to hear sends only keep-alives): the server is a sender.
            ea.play(PlayRequest.of(new PlayRequest.Tone(ToneKind.BEEP, Duration.ofSeconds(10))));
            short[] frame = new short[160];
            for (int k = 0; k < 20; k++) {
                a.sendAudioAt(k, 160L * k, frame);
                LockSupport.parkNanos(20_000_000L);
            }
            // The phone's own receiver report, sent from its RTP socket (as a phone behind NAT would have it
            // mapped), to the server's RTCP port: the server must answer there.
            ByteBuffer rr = ByteBuffer.allocate(64);
            RtcpWriter.writeReceiverReport(rr, 0x5EED, null);
            RtcpWriter.writeSdesCname(rr, 0x5EED, "phone@test");
            InetSocketAddress serverRtcp = new InetSocketAddress(a.server().getAddress(), a.server().getPort() + 1);
            a.sendRaw(java.util.Arrays.copyOf(rr.array(), rr.position()), serverRtcp);

            long deadline = System.nanoTime() + 3_000_000_000L;
            while (a.rtcp().isEmpty() && System.nanoTime() < deadline) {
                for (int k = 20; k < 25; k++) {
                    a.sendAudioAt(k, 160L * k, frame);
                }
                Thread.sleep(100);
            }
            assertFalse(a.rtcp().isEmpty(), "no RTCP report came back");
            RtcpReader.Compound report = RtcpReader.read(ByteBuffer.wrap(a.rtcp().get(0)));
            assertNotNull(report);
            assertTrue(report.senderReport(), "the server sends, so it reports as a sender");
            ReportBlock block = report.blocks().get(0);
            assertEquals(0x5EED, block.ssrc());
            assertEquals(0, block.cumulativeLost());
            assertTrue(block.extendedHighestSequence() >= 19);
            StreamStats s = ea.stats();
            assertTrue(s.rtcpSent() >= 1);
            assertEquals(1, s.rtcpReceived());
        }
    }
}
