package org.parley.media.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.media.codec.dtmf.TelephoneEventSender;
import org.parley.media.codec.g711.G711;
import org.parley.media.control.Bridge;
import org.parley.media.control.BridgeId;
import org.parley.media.control.DigitCollection;
import org.parley.media.control.Endpoint;
import org.parley.media.control.LoadReport;
import org.parley.media.control.MediaDirection;
import org.parley.media.control.MediaEvent;
import org.parley.media.control.PlayRequest;
import org.parley.media.control.RecordingRequest;
import org.parley.media.control.StreamStats;
import org.parley.media.control.ToneKind;
import org.parley.media.pipeline.ToneGenerator;

/** The media server over real UDP on loopback, driven like call control would, with test phones as peers. */
class BridgeLoopbackIT {

    @TempDir
    Path dir;

    private RtpMediaServer server;
    private final BlockingQueue<MediaEvent> eventsA = new LinkedBlockingQueue<>();
    private final BlockingQueue<MediaEvent> eventsB = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        // A random even range, so parallel builds on this machine do not collide.
        int base = 40000 + 2 * ThreadLocalRandom.current().nextInt(5000);
        server = RtpMediaServer.start(MediaServerConfig.defaults().withPorts(base, base + 199)
            .withRtpTimeout(Duration.ofMillis(400)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void bridgedToneArrivesOnTheOtherSideAndOnOneRecordingChannelOnly() throws Exception {
        try (Phone a = new Phone("127.0.0.1"); Phone b = new Phone("127.0.0.1")) {
            Endpoint ea = server.createEndpoint(eventsA::add);
            Endpoint eb = server.createEndpoint(eventsB::add);
            a.answered(ea.answer(a.offer(true, "sendrecv")));
            b.answered(eb.answer(b.offer(true, "sendrecv")));
            Bridge bridge = server.createBridge();
            bridge.join(ea);
            bridge.join(eb);
            Path wav = dir.resolve("call.wav");
            bridge.record(new RecordingRequest(wav, RecordingRequest.Layout.STEREO_SPLIT), ea);

            ToneGenerator beep = ToneGenerator.beep();
            short[] toneFrame = new short[160];
            short[] silence = new short[160];
            paced(100, i -> {
                beep.fill(toneFrame, 0, 160);
                b.sendAudio(toneFrame);
                a.sendAudio(silence);
            });
            Thread.sleep(300);
            bridge.stopRecording();

            short[] heardByA = a.audio();
            int start = firstLoud(heardByA);
            assertTrue(start >= 0, "A heard nothing");
            assertTrue(heardByA.length - start >= 1.5 * 8000, "A heard " + (heardByA.length - start) + " samples");
            int end = start + 12000;
            assertEquals(1000, frequency(heardByA, start + 800, end), 3);
            assertEquals(ToneGenerator.PROGRESS_LEVEL_DBM0, dbm0(rms(heardByA, start + 800, end)), 1.0);
            short[] heardByB = b.audio();
            assertTrue(heardByB.length > 8000);
            assertTrue(rms(heardByB, 0, heardByB.length) < 10, "B must not hear its own tone back");

            MediaEvent.RecordingCompleted done = next(eventsA, MediaEvent.RecordingCompleted.class);
            assertEquals(wav, done.path());
            byte[] bytes = Files.readAllBytes(wav);
            assertEquals(bytes.length, done.sizeBytes());
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), done.sha256());
            ByteBuffer w = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(2, w.getShort(22));
            int frames = w.getInt(40) / 4;
            assertEquals(Duration.ofMillis(frames / 8), done.duration());
            short[] left = new short[frames];
            short[] right = new short[frames];
            for (int i = 0; i < frames; i++) {
                left[i] = w.getShort(44 + 4 * i);
                right[i] = w.getShort(46 + 4 * i);
            }
            int rs = firstLoud(right);
            assertTrue(rs >= 0, "the tone is on the right channel");
            assertEquals(1000, frequency(right, rs + 800, Math.min(frames, rs + 12000)), 3);
            assertTrue(rms(left, 0, frames) < 10, "the left channel (A, who was silent) stays silent");

            StreamStats sb = eb.stats();
            assertTrue(sb.packetsReceived() >= 95, "received " + sb.packetsReceived());
            assertEquals(0, sb.packetsLost());
            assertTrue(sb.mos() > 4.0, "MOS " + sb.mos());
            assertTrue(ea.stats().packetsSent() >= 90);
            LoadReport load = server.load();
            assertEquals(2, load.endpointsInUse());
            assertTrue(load.tickCpuUsed() < 0.5);
            bridge.close();
            ea.close();
            eb.close();
            assertEquals(0, server.load().endpointsInUse());
        }
    }

    @Test
    void aPcmaCallerAndAPcmuAgentHearEachOther() throws Exception {
        try (Phone a = new Phone("127.0.0.1", G711.PCMA); Phone b = new Phone("127.0.0.1", G711.PCMU)) {
            Endpoint ea = server.createEndpoint(eventsA::add);
            Endpoint eb = server.createEndpoint(eventsB::add);
            String answerA = ea.answer(a.offer(false, "sendrecv"));
            assertTrue(answerA.contains(" RTP/AVP 8\r\n"), answerA);
            a.answered(answerA);
            b.answered(eb.answer(b.offer(false, "sendrecv")));
            Bridge bridge = server.createBridge();
            bridge.join(ea);
            bridge.join(eb);
            ToneGenerator low = new ToneGenerator(600, 0, -10, 0, 0);
            ToneGenerator high = new ToneGenerator(1400, 0, -10, 0, 0);
            short[] fa = new short[160];
            short[] fb = new short[160];
            paced(60, i -> {
                low.fill(fa, 0, 160);
                high.fill(fb, 0, 160);
                a.sendAudio(fa);
                b.sendAudio(fb);
            });
            Thread.sleep(200);
            short[] atA = a.audio();
            short[] atB = b.audio();
            int sa = firstLoud(atA);
            int sb = firstLoud(atB);
            assertTrue(sa >= 0 && sb >= 0);
            assertEquals(1400, frequency(atA, sa + 400, sa + 6000), 5, "A (PCMA) hears B's 1400 Hz");
            assertEquals(600, frequency(atB, sb + 400, sb + 6000), 5, "B (PCMU) hears A's 600 Hz");
        }
    }

    @Test
    void tenAndThirtyMillisecondPacketsAreAcceptedAndSentToPeersThatAskForThem() throws Exception {
        for (int ptime : new int[] {10, 30}) {
            try (Phone a = new Phone("127.0.0.1"); Phone b = new Phone("127.0.0.1")) {
                Endpoint ea = server.createEndpoint(e -> { });
                Endpoint eb = server.createEndpoint(e -> { });
                a.answered(ea.answer(a.offer(false, "sendrecv").replace("a=sendrecv", "a=ptime:" + ptime
                    + "\r\na=sendrecv")));
                String bAnswer = eb.answer(b.offer(false, "sendrecv").replace("a=sendrecv", "a=ptime:" + ptime
                    + "\r\na=sendrecv"));
                assertTrue(bAnswer.contains("a=ptime:" + ptime + "\r\n"), bAnswer);
                b.answered(bAnswer);
                Bridge bridge = server.createBridge();
                bridge.join(ea);
                bridge.join(eb);
                ToneGenerator beep = ToneGenerator.beep();
                short[] frame = new short[8 * ptime];
                long next = System.nanoTime();
                for (int i = 0; i < 1200 / ptime; i++) {
                    beep.fill(frame, 0, frame.length);
                    a.sendAudio(frame);
                    next += ptime * 1_000_000L;
                    LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
                }
                Thread.sleep(200);
                short[] heard = b.audio();
                int start = firstLoud(heard);
                assertTrue(start >= 0, ptime + " ms packets not heard");
                assertEquals(1000, frequency(heard, start + 400, start + 6400), 3, ptime + " ms packets");
                assertEquals(0, ea.stats().packetsLost());
                List<Phone.Received> toB = b.received();
                assertTrue(toB.size() > 600 / ptime, "B got " + toB.size() + " packets");
                for (int k = 1; k < toB.size(); k++) {
                    Phone.Received p = toB.get(k);
                    assertEquals(8 * ptime, p.payload().length, "B asked for " + ptime + " ms packets");
                    assertEquals((toB.get(k - 1).sequence() + 1) & 0xFFFF, p.sequence());
                    assertEquals(8 * ptime, (p.timestamp() - toB.get(k - 1).timestamp()) & 0xFFFFFFFFL);
                }
                bridge.close();
                ea.close();
                eb.close();
            }
        }
    }

    @Test
    void comfortNoiseFromASilentPhoneReachesTheOtherPartyAndTheRecordingAndIsNotLoss() throws Exception {
        try (Phone a = new Phone("127.0.0.1"); Phone b = new Phone("127.0.0.1")) {
            Endpoint ea = server.createEndpoint(eventsA::add);
            Endpoint eb = server.createEndpoint(eventsB::add);
            String answer = ea.answer(a.offer(false, "sendrecv").replace("RTP/AVP 0", "RTP/AVP 0 13"));
            assertTrue(answer.contains("RTP/AVP 0 13\r\n"), answer);
            a.answered(answer);
            b.answered(eb.answer(b.offer(false, "sendrecv")));
            Bridge bridge = server.createBridge();
            bridge.join(ea);
            bridge.join(eb);
            Path wav = dir.resolve("cn.wav");
            bridge.record(new RecordingRequest(wav, RecordingRequest.Layout.STEREO_SPLIT), ea);
            int level = 50;
            ToneGenerator beep = ToneGenerator.beep();
            short[] toneFrame = new short[160];
            // One second of tone, then CN and 1.5 s without packets, then half a second of tone.
            paced(150, i -> {
                if (i < 50 || i >= 125) {
                    beep.fill(toneFrame, 0, 160);
                    a.sendAudio(toneFrame);
                } else {
                    if (i == 50) {
                        a.sendComfortNoise(level);
                    }
                    a.skip(160);
                }
                b.sendAudio(new short[160]);
            });
            Thread.sleep(300);
            bridge.stopRecording();

            double expectedDbov = -level;
            short[] heardByB = b.audio();
            int start = firstLoud(heardByB);
            assertTrue(start >= 0, "B heard nothing");
            // The silence is samples 8000-20000 after the tone began; keep clear of its edges.
            double atB = dbov(rms(heardByB, start + 10_000, start + 18_000));
            assertEquals(expectedDbov, atB, 1.5, "B hears A's comfort noise at its level");
            assertTrue(firstLoud(java.util.Arrays.copyOfRange(heardByB, start + 20_400, heardByB.length)) >= 0,
                "the tone after the silence is heard");

            next(eventsA, MediaEvent.RecordingCompleted.class);
            ByteBuffer w = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
            int frames = w.getInt(40) / 4;
            short[] left = new short[frames];
            for (int i = 0; i < frames; i++) {
                left[i] = w.getShort(44 + 4 * i);
            }
            int ls = firstLoud(left);
            assertTrue(ls >= 0, "A's tone is on the left channel");
            assertEquals(expectedDbov, dbov(rms(left, ls + 10_000, ls + 18_000)), 1.5, "the recording has the noise");

            StreamStats sa = ea.stats();
            assertEquals(0, sa.packetsLost(), "a sender silent after CN is not losing packets");
            assertTrue(sa.packetsReceived() >= 70, "received " + sa.packetsReceived());
            bridge.close();
            ea.close();
            eb.close();
        }
    }

    private static double dbov(double rms) {
        return 20 * Math.log10(rms / org.parley.media.codec.cn.ComfortNoise.ZERO_DBOV_RMS);
    }

    @Test
    void anOpusCallerAndAPcmuAgentHearEachOtherAndInBandDigitsSurviveOpus() throws Exception {
        try (OpusPhone a = new OpusPhone("127.0.0.1"); Phone b = new Phone("127.0.0.1", G711.PCMU)) {
            Endpoint ea = server.createEndpoint(eventsA::add);
            Endpoint eb = server.createEndpoint(eventsB::add);
            String answer = ea.answer(a.offer());
            assertTrue(answer.contains("a=rtpmap:96 opus/48000/2\r\n"), answer);
            a.answered(answer);
            b.answered(eb.answer(b.offer(false, "sendrecv")));
            Bridge bridge = server.createBridge();
            bridge.join(ea);
            bridge.join(eb);
            Path wav = dir.resolve("opus.wav");
            bridge.record(new RecordingRequest(wav, RecordingRequest.Layout.STEREO_SPLIT), ea);

            short[] wide = new short[OpusPhone.FRAME];
            ToneGenerator five = ToneGenerator.dtmf('5', -10);
            short[] digit = new short[160];
            byte[][] fromA = new byte[120][];
            for (int i = 0; i < fromA.length; i++) {
                for (int n = 0; n < wide.length; n++) {
                    if (i < 100) {
                        // A 1 kHz tone at 48 kHz, as a browser's microphone would give it.
                        wide[n] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 1000 * (i * wide.length + n)
                            / OpusPhone.RATE));
                    } else if (n == 0) {
                        five.fill(digit, 0, 160);
                    }
                    if (i >= 100) {
                        // Then the digit 5 in band for 200 ms, each 8 kHz sample held for six at 48 kHz.
                        wide[n] = i < 110 ? digit[n / 6] : 0;
                    }
                }
                fromA[i] = a.encode(wide);
            }
            ToneGenerator agentTone = ToneGenerator.dtmf('1', -10);
            short[] narrow = new short[160];
            paced(fromA.length, i -> {
                a.send(fromA[i]);
                agentTone.fill(narrow, 0, 160);
                b.sendAudio(narrow);
            });
            Thread.sleep(300);
            bridge.stopRecording();

            short[] atB = b.audio();
            int sb = firstLoud(atB);
            assertTrue(sb >= 0, "the PCMU agent heard nothing");
            assertEquals(1000, frequency(atB, sb + 800, sb + 12_000), 5, "B (PCMU) hears the Opus caller's 1 kHz");
            assertEquals(dbm0(8000 / Math.sqrt(2)), dbm0(rms(atB, sb + 800, sb + 12_000)), 2.0,
                "at the level it was sent");

            short[] atA = a.audio();
            int sa = firstLoud(atA);
            assertTrue(sa >= 0, "the Opus caller heard nothing");
            // DTMF '1' is 697 + 1209 Hz: both must be there at 48 kHz after Opus; measure each by a Goertzel probe.
            double low = power(atA, sa + 4800, sa + 48_000, 697, OpusPhone.RATE);
            double high = power(atA, sa + 4800, sa + 48_000, 1209, OpusPhone.RATE);
            double off = power(atA, sa + 4800, sa + 48_000, 1000, OpusPhone.RATE);
            assertTrue(low > 100 * off && high > 100 * off, "A hears B's two tones: " + low + ", " + high + " vs " + off);

            List<OpusPhone.Received> toA = a.received();
            assertTrue(toA.size() >= 90, "A got " + toA.size() + " packets");
            for (int k = 1; k < toA.size(); k++) {
                assertEquals(OpusPhone.PAYLOAD_TYPE, toA.get(k).payloadType());
                assertEquals((toA.get(k - 1).sequence() + 1) & 0xFFFF, toA.get(k).sequence());
                long step = (toA.get(k).timestamp() - toA.get(k - 1).timestamp()) & 0xFFFFFFFFL;
                if (toA.get(k).marker()) {
                    // A talkspurt after a silence (a keep-alive went out before B spoke): the clock ran on.
                    assertEquals(0, step % 960, "RTP timestamps at 48 kHz (RFC 7587 section 4.1) through silence");
                } else {
                    assertEquals(960, step, "RTP timestamps at 48 kHz (RFC 7587 section 4.1)");
                }
            }

            MediaEvent.DigitReceived d = next(eventsA, MediaEvent.DigitReceived.class);
            assertEquals('5', d.digit());
            assertEquals(MediaEvent.DigitSource.IN_BAND, d.source());

            next(eventsA, MediaEvent.RecordingCompleted.class);
            ByteBuffer w = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
            int frames = w.getInt(40) / 4;
            short[] left = new short[frames];
            for (int i = 0; i < frames; i++) {
                left[i] = w.getShort(44 + 4 * i);
            }
            int ls = firstLoud(left);
            assertTrue(ls >= 0, "the Opus caller is on the recording's left channel");
            assertEquals(1000, frequency(left, ls + 800, ls + 12_000), 5);

            StreamStats sa1 = ea.stats();
            assertEquals(0, sa1.packetsLost());
            assertTrue(sa1.packetsReceived() >= 115, "received " + sa1.packetsReceived());
            bridge.close();
            ea.close();
            eb.close();
        }
    }

    /** Goertzel power of one frequency over a stretch of samples. */
    private static double power(short[] s, int from, int to, double hz, int rate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / rate);
        double q1 = 0;
        double q2 = 0;
        for (int i = from; i < Math.min(to, s.length); i++) {
            double q0 = coefficient * q1 - q2 + s[i];
            q2 = q1;
            q1 = q0;
        }
        return q1 * q1 + q2 * q2 - coefficient * q1 * q2;
    }

    /**
     * Nobody in the bridge has sent anything yet (both phones still ringing, say): neither is sent a stream of
     * silence the bridge made up, only a keep-alive a second — a packet of silence, or a CN packet where comfort noise
     * was negotiated. The first words are then relayed in full, starting a talkspurt.
     */
    @Test
    void aBridgeWhereNobodyHasSpokenSendsOnlyKeepAlivesThenRelaysTheFirstWordsInFull() throws Exception {
        try (Phone a = new Phone("127.0.0.1"); Phone b = new Phone("127.0.0.1")) {
            Endpoint ea = server.createEndpoint(eventsA::add);
            Endpoint eb = server.createEndpoint(eventsB::add);
            a.answered(ea.answer(a.offer(false, "sendrecv")));
            String answer = eb.answer(b.offer(false, "sendrecv").replace("RTP/AVP 0", "RTP/AVP 0 13"));
            assertTrue(answer.contains("RTP/AVP 0 13\r\n"), answer);
            b.answered(answer);
            Bridge bridge = server.createBridge();
            bridge.join(ea);
            bridge.join(eb);
            Thread.sleep(2_500);

            List<Phone.Received> atA = a.received();
            assertTrue(atA.size() >= 1 && atA.size() <= 4, "2.5 s of nothing to hear, packets to A: " + atA.size());
            assertTrue(atA.stream().allMatch(r -> r.payloadType() == 0), "keep-alives in the call's codec");
            short[] keptAlive = a.audio();
            assertTrue(rms(keptAlive, 0, keptAlive.length) < 10, "keep-alives are silence");
            List<Phone.Received> atB = b.received();
            assertTrue(atB.size() >= 1 && atB.size() <= 4, "2.5 s of nothing to hear, packets to B: " + atB.size());
            for (Phone.Received r : atB) {
                assertEquals(13, r.payloadType(), "B negotiated comfort noise: its keep-alives are CN");
                assertEquals(127, r.payload()[0], "CN at the silent level");
            }

            playFrom(b, ToneGenerator.beep(), 50);
            Thread.sleep(300);
            List<Phone.Received> words = a.received().subList(atA.size(), a.received().size());
            assertTrue(words.size() >= 45, "A was sent " + words.size() + " packets of B's second of tone");
            assertTrue(words.get(0).marker(), "the first words after the silence start a talkspurt");
            short[] heard = a.audio();
            int start = firstLoud(heard);
            assertTrue(start >= 0, "A heard nothing");
            assertEquals(1000, frequency(heard, start + 800, Math.min(heard.length, start + 6400)), 3);
            bridge.close();
        }
    }

    /** A prompt ends and nothing else is to be heard: a peer that negotiated comfort noise is told so by CN. */
    @Test
    void theEndOfAPromptOpensASilenceWithComfortNoise() throws Exception {
        try (Phone a = new Phone("127.0.0.1")) {
            Endpoint ea = server.createEndpoint(eventsA::add);
            a.answered(ea.answer(a.offer(false, "sendrecv").replace("RTP/AVP 0", "RTP/AVP 0 13")));
            ea.play(PlayRequest.of(new PlayRequest.Tone(ToneKind.BEEP, Duration.ofMillis(300))));
            next(eventsA, MediaEvent.PlayCompleted.class);
            Thread.sleep(300);
            List<Phone.Received> got = a.received();
            int lastAudio = -1;
            for (int i = 0; i < got.size(); i++) {
                if (got.get(i).payloadType() == 0) {
                    lastAudio = i;
                }
            }
            assertTrue(lastAudio >= 13, "the prompt's 15 packets, got " + (lastAudio + 1));
            assertEquals(lastAudio + 2, got.size(), "after the prompt one CN packet and nothing more: " + got.size());
            Phone.Received cn = got.get(lastAudio + 1);
            assertEquals(13, cn.payloadType());
            assertEquals(127, cn.payload()[0]);
            assertEquals((got.get(lastAudio).sequence() + 1) & 0xFFFF, cn.sequence(), "CN continues the sequence");
        }
    }

    @Test
    void packetsFromAStrangerAreNotLatchedNorHeard() throws Exception {
        try (Phone a = new Phone("127.0.0.1"); Phone b = new Phone("127.0.0.1");
             Phone stranger = new Phone("127.0.0.2")) {
            RtpEndpoint ea = (RtpEndpoint) server.createEndpoint(eventsA::add);
            Endpoint eb = server.createEndpoint(eventsB::add);
            a.answered(ea.answer(a.offer(false, "sendrecv")));
            b.answered(eb.answer(b.offer(false, "sendrecv")));
            stranger.answered(ea.localDescription());
            Bridge bridge = server.createBridge();
            bridge.join(ea);
            bridge.join(eb);
            ToneGenerator beep = ToneGenerator.beep();
            playFrom(stranger, beep, 50);
            Thread.sleep(200);
            assertTrue(ea.foreignPackets() >= 45, "dropped " + ea.foreignPackets());
            assertEquals(0, ea.stats().packetsReceived());
            // A never spoke, so B gets keep-alives at most, and they are silence.
            short[] heard = b.audio();
            assertTrue(heard.length <= 2 * 160, "B was sent " + heard.length + " samples");
            assertTrue(heard.length == 0 || rms(heard, 0, heard.length) < 10, "B heard the stranger");
            // The real phone still gets through after the stranger tried first.
            playFrom(a, beep, 10);
            Thread.sleep(100);
            assertTrue(ea.stats().packetsReceived() >= 9);
            // From the right address but not RTP, or in a format never negotiated: counted and dropped.
            a.sendRaw(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}, a.server());
            java.nio.ByteBuffer g729 = java.nio.ByteBuffer.allocate(32);
            org.parley.media.rtp.RtpPacketWriter.writeHeader(g729, false, 18, 4000, 0, 0x5EED);
            a.sendRaw(java.util.Arrays.copyOf(g729.array(), 32), a.server());
            Thread.sleep(100);
            assertEquals(2, ea.invalidPackets());
        }
    }

    /**
     * A phone behind NAT: its SDP names 127.0.0.7 (its private address) while it sends from 127.0.0.1, the address
     * its SIP came from. Until call control allows that source its packets are foreign and it hears nothing; once
     * allowed they latch and it hears the bridge, while a stranger on a third address never latches, before or after.
     */
    @Test
    void aPhoneBehindNatLatchesFromItsSipSourceAndAStrangerNever() throws Exception {
        try (Phone natted = new Phone("127.0.0.1"); Phone b = new Phone("127.0.0.1");
             Phone stranger = new Phone("127.0.0.2")) {
            RtpEndpoint ea = (RtpEndpoint) server.createEndpoint(eventsA::add);
            Endpoint eb = server.createEndpoint(eventsB::add);
            natted.answered(ea.answer(natted.offer(false, "sendrecv", "127.0.0.7")));
            b.answered(eb.answer(b.offer(false, "sendrecv")));
            stranger.answered(ea.localDescription());
            Bridge bridge = server.createBridge();
            bridge.join(ea);
            bridge.join(eb);
            short[] frame = new short[160];
            ToneGenerator beep = ToneGenerator.beep();

            paced(10, i -> natted.sendAudio(frame));
            Thread.sleep(100);
            assertEquals(0, ea.stats().packetsReceived(), "latched from an address the SDP does not name");
            assertTrue(natted.received().isEmpty(), "sent to the phone's private address only");

            ea.allowLatchFrom(java.net.InetAddress.getByName("127.0.0.1"));
            playFrom(stranger, beep, 25);
            Thread.sleep(100);
            assertEquals(0, ea.stats().packetsReceived(), "the stranger latched");
            assertTrue(stranger.received().isEmpty(), "the stranger was sent the call's audio");
            short[] heard = b.audio();
            assertTrue(rms(heard, 0, heard.length) < 10, "B heard the stranger");

            java.util.Arrays.fill(frame, (short) 0);
            paced(25, i -> {
                natted.sendAudio(frame);
                b.sendAudio(frame);
            });
            Thread.sleep(100);
            long fromPhone = ea.stats().packetsReceived();
            assertTrue(fromPhone >= 20, "the phone's packets from its SIP source: " + fromPhone);
            assertTrue(natted.received().size() >= 10, "the phone hears the bridge at its NAT mapping");

            playFrom(stranger, beep, 25);
            Thread.sleep(100);
            assertEquals(fromPhone, ea.stats().packetsReceived(), "the stranger took the latched stream over");
            assertTrue(stranger.received().isEmpty(), "the stranger was sent the call's audio");
            assertTrue(ea.foreignPackets() >= 55, "dropped " + ea.foreignPackets());
        }
    }

    @Test
    void telephoneEventsBecomeOneDigitEachAndAreCollected() throws Exception {
        try (Phone a = new Phone("127.0.0.1")) {
            Endpoint ea = server.createEndpoint(eventsA::add);
            a.answered(ea.answer(a.offer(true, "sendrecv")));
            ea.collectDigits(new DigitCollection(3, Optional.of('#'), Duration.ofSeconds(5), Duration.ofSeconds(5)));
            for (char d : "42#".toCharArray()) {
                TelephoneEventSender sender = new TelephoneEventSender(d, 800, 160);
                long ts = a.timestamp();
                paced(7, i -> a.sendEvent(sender.next(), i == 0, ts));
                a.skip(800 + 800);
            }
            assertEquals('4', next(eventsA, MediaEvent.DigitReceived.class).digit());
            assertEquals('2', next(eventsA, MediaEvent.DigitReceived.class).digit());
            MediaEvent.DigitReceived hash = next(eventsA, MediaEvent.DigitReceived.class);
            assertEquals('#', hash.digit());
            assertEquals(MediaEvent.DigitSource.RFC4733, hash.source());
            MediaEvent.DigitsCollected collected = next(eventsA, MediaEvent.DigitsCollected.class);
            assertEquals("42", collected.digits());
            assertEquals(MediaEvent.CollectionEnd.TERMINATOR, collected.end());
            assertTrue(eventsA.stream().noneMatch(e -> e instanceof MediaEvent.DigitReceived), "one event per digit");
        }
    }

    @Test
    void inBandDigitsAreDetectedWithoutTelephoneEvents() throws Exception {
        try (Phone a = new Phone("127.0.0.1")) {
            Endpoint ea = server.createEndpoint(eventsA::add);
            a.answered(ea.answer(a.offer(false, "sendrecv")));
            short[] silence = new short[160];
            for (char d : "7*".toCharArray()) {
                ToneGenerator tone = ToneGenerator.dtmf(d, -12);
                // 160 ms of tone and of pause: well above the 40 ms a detector must accept (Q.24), so a packet late
                // on a loaded host and concealed does not cut a digit short of detection.
                playFrom(a, tone, 8);
                paced(8, i -> a.sendAudio(silence));
            }
            MediaEvent.DigitReceived seven = next(eventsA, MediaEvent.DigitReceived.class);
            assertEquals('7', seven.digit());
            assertEquals(MediaEvent.DigitSource.IN_BAND, seven.source());
            assertEquals('*', next(eventsA, MediaEvent.DigitReceived.class).digit());
        }
    }

    @Test
    void playsATonePromptThenReportsItAndSendsDtmfAsEvents() throws Exception {
        try (Phone a = new Phone("127.0.0.1")) {
            Endpoint ea = server.createEndpoint(eventsA::add);
            a.answered(ea.answer(a.offer(true, "sendrecv")));
            ea.play(PlayRequest.of(new PlayRequest.Tone(ToneKind.BEEP, Duration.ofMillis(500))));
            MediaEvent.PlayCompleted done = next(eventsA, MediaEvent.PlayCompleted.class);
            assertFalse(done.stopped());
            short[] heard = a.audio();
            int start = firstLoud(heard);
            assertTrue(start >= 0);
            assertEquals(1000, frequency(heard, start, start + 3600), 3);

            ea.sendDtmf('9', Duration.ofMillis(100));
            Thread.sleep(400);
            List<Phone.Received> events = a.received().stream().filter(r -> r.payloadType() == 101).toList();
            assertTrue(events.size() >= 5, "event packets " + events.size());
            assertTrue(events.get(0).marker());
            assertEquals(9, events.get(0).payload()[0]);
            assertEquals(3, events.stream().filter(r -> (r.payload()[1] & 0x80) != 0).count());
            assertEquals(1, events.stream().mapToLong(Phone.Received::timestamp).distinct().count());
        }
    }

    @Test
    void playsWavPromptsResampledAndReportsUnplayableOnes() throws Exception {
        // A 16 kHz prompt of a 1 kHz tone, 0.6 s long.
        short[] tone16k = new short[9600];
        for (int i = 0; i < tone16k.length; i++) {
            tone16k[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 1000 * i / 16000.0));
        }
        Path prompt = writeWav(dir.resolve("greeting.wav"), 16000, tone16k);
        Path cdQuality = writeWav(dir.resolve("music.wav"), 44100, new short[441]);
        try (Phone a = new Phone("127.0.0.1")) {
            Endpoint ea = server.createEndpoint(eventsA::add);
            a.answered(ea.answer(a.offer(false, "sendrecv")));
            Path recording = dir.resolve("leg.wav");
            ea.record(new RecordingRequest(recording, RecordingRequest.Layout.STEREO_SPLIT));
            ea.play(PlayRequest.of(new PlayRequest.Prompt(prompt)));
            assertFalse(next(eventsA, MediaEvent.PlayCompleted.class).stopped());
            short[] heard = a.audio();
            int start = firstLoud(heard);
            assertTrue(start >= 0);
            assertEquals(1000, frequency(heard, start + 80, start + 4000), 3);

            ea.play(PlayRequest.of(new PlayRequest.Prompt(cdQuality)));
            MediaEvent.Error error = next(eventsA, MediaEvent.Error.class);
            assertTrue(error.message().contains("44100 Hz"), error.message());
            assertTrue(next(eventsA, MediaEvent.PlayCompleted.class).stopped());

            ea.stopRecording();
            MediaEvent.RecordingCompleted done = next(eventsA, MediaEvent.RecordingCompleted.class);
            ByteBuffer w = ByteBuffer.wrap(Files.readAllBytes(done.path())).order(ByteOrder.LITTLE_ENDIAN);
            int frames = w.getInt(40) / 4;
            short[] sent = new short[frames];
            short[] received = new short[frames];
            for (int i = 0; i < frames; i++) {
                received[i] = w.getShort(44 + 4 * i);
                sent[i] = w.getShort(46 + 4 * i);
            }
            // The leg recording holds the prompt on the right (what we sent) and the silent phone on the left.
            int rs = firstLoud(sent);
            assertTrue(rs >= 0);
            assertEquals(1000, frequency(sent, rs, rs + 4000), 3);
            assertEquals(0, rms(received, 0, frames), 1);
        }
    }

    @Test
    void digitsSentAsEventsOnOneLegAreRelayedToTheOther() throws Exception {
        try (Phone a = new Phone("127.0.0.1"); Phone b = new Phone("127.0.0.1")) {
            Endpoint ea = server.createEndpoint(eventsA::add);
            Endpoint eb = server.createEndpoint(eventsB::add);
            a.answered(ea.answer(a.offer(true, "sendrecv")));
            b.answered(eb.answer(b.offer(true, "sendrecv")));
            Bridge bridge = server.createBridge();
            bridge.join(ea);
            bridge.join(eb);
            TelephoneEventSender sender = new TelephoneEventSender('3', 800, 160);
            long ts = a.timestamp();
            paced(7, i -> a.sendEvent(sender.next(), i == 0, ts));
            assertEquals('3', next(eventsA, MediaEvent.DigitReceived.class).digit());
            a.skip(8 * 160);
            // Held 161 ms: not a whole number of packets, so the relayed end must carry the duration, not a count.
            TelephoneEventSender held = new TelephoneEventSender('9', 1288, 160);
            long ts2 = a.timestamp();
            paced(11, i -> a.sendEvent(held.next(), i == 0, ts2));
            Thread.sleep(600);
            List<Phone.Received> atB = b.received().stream().filter(r -> r.payloadType() == 101).toList();
            java.util.Map<Long, List<Phone.Received>> byEvent = atB.stream().collect(java.util.stream.Collectors
                .groupingBy(Phone.Received::timestamp, java.util.LinkedHashMap::new,
                    java.util.stream.Collectors.toList()));
            assertEquals(List.of(3, 9), byEvent.values().stream().map(e -> (int) e.get(0).payload()[0]).toList(),
                "one relayed event per digit, in order: " + atB.size() + " packets");
            assertEquals(List.of(800, 1288), byEvent.values().stream().map(e -> duration(e.get(e.size() - 1)))
                .toList(), "each relayed event ends with the duration its sender signalled");
            for (List<Phone.Received> event : byEvent.values()) {
                assertTrue(event.get(0).marker(), "marker on the event's first packet");
                assertTrue(event.stream().skip(1).noneMatch(Phone.Received::marker), "and on no other");
                assertTrue((event.get(event.size() - 1).payload()[1] & 0x80) != 0, "the last packet has the E bit");
            }
            List<Long> starts = List.copyOf(byEvent.keySet());
            assertTrue(starts.get(1) - starts.get(0) >= 800, "the second event starts after the first one's 800 units"
                + " on B's own RTP clock: " + starts);
            assertTrue(a.received().stream().noneMatch(r -> r.payloadType() == 101), "not echoed to the sender");
        }
    }

    @Test
    void mutedConferenceMemberIsNotHeard() throws Exception {
        try (Phone a = new Phone("127.0.0.1"); Phone b = new Phone("127.0.0.1"); Phone c = new Phone("127.0.0.1")) {
            Endpoint ea = server.createEndpoint(eventsA::add);
            Endpoint eb = server.createEndpoint(eventsB::add);
            Endpoint ec = server.createEndpoint(e -> { });
            a.answered(ea.answer(a.offer(false, "sendrecv")));
            b.answered(eb.answer(b.offer(false, "sendrecv")));
            c.answered(ec.answer(c.offer(false, "sendrecv")));
            Bridge conference = server.createBridge();
            conference.join(ea);
            conference.join(eb);
            conference.join(ec);
            assertEquals(3, conference.participants().size());
            conference.mute(eb, true);
            ToneGenerator low = new ToneGenerator(500, 0, -10, 0, 0);
            ToneGenerator high = new ToneGenerator(1500, 0, -10, 0, 0);
            short[] fa = new short[160];
            short[] fb = new short[160];
            paced(50, i -> {
                low.fill(fa, 0, 160);
                high.fill(fb, 0, 160);
                a.sendAudio(fa);
                b.sendAudio(fb);
            });
            Thread.sleep(200);
            short[] atC = c.audio();
            int sc = firstLoud(atC);
            assertTrue(sc >= 0);
            // C hears only A's 500 Hz: B is muted. B still hears A. Judged by the power at each tone's frequency, not by
            // counting zero crossings: on a loaded host a late packet is concealed, which bends a crossing count but
            // puts no 1500 Hz into what C hears.
            assertHearsOnly(atC, sc + 400, sc + 5000, 500, 1500);
            short[] atB = b.audio();
            int sb = firstLoud(atB);
            assertTrue(sb >= 0);
            assertHearsOnly(atB, sb + 400, sb + 5000, 500, 1500);
        }
    }

    private static Path writeWav(Path file, int rate, short[] samples) throws java.io.IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * samples.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(2 * rate)
            .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * samples.length);
        for (short s : samples) {
            b.putShort(s);
        }
        Files.write(file, b.array());
        return file;
    }

    @Test
    void collectionTimesOutAndLoopingMusicStopsOnRequest() throws Exception {
        try (Phone a = new Phone("127.0.0.1")) {
            Endpoint ea = server.createEndpoint(eventsA::add);
            a.answered(ea.answer(a.offer(true, "sendrecv")));
            ea.play(PlayRequest.looping(new PlayRequest.Tone(ToneKind.RINGBACK, Duration.ofMillis(100)),
                new PlayRequest.Silence(Duration.ofMillis(100))));
            ea.collectDigits(DigitCollection.singleDigit(Duration.ofMillis(300)));
            long start = System.nanoTime();
            MediaEvent.DigitsCollected none = next(eventsA, MediaEvent.DigitsCollected.class);
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals("", none.digits());
            assertEquals(MediaEvent.CollectionEnd.TIMEOUT, none.end());
            assertTrue(waitedMs >= 250, "timed out after " + waitedMs + " ms");
            // Music on hold loops past its 200 ms playlist until stopped.
            Thread.sleep(300);
            assertTrue(eventsA.stream().noneMatch(e -> e instanceof MediaEvent.PlayCompleted));
            ea.stopPlaying();
            assertTrue(next(eventsA, MediaEvent.PlayCompleted.class).stopped());
            short[] heard = a.audio();
            int start440 = firstLoud(heard);
            assertTrue(start440 >= 0 && heard.length - start440 > 4000, "ringback heard");
        }
    }

    @Test
    void rtpTimeoutIsRaisedForASilentPeerButNotForOneOnHold() throws Exception {
        try (Phone a = new Phone("127.0.0.1"); Phone b = new Phone("127.0.0.1")) {
            Endpoint ea = server.createEndpoint(eventsA::add);
            Endpoint eb = server.createEndpoint(eventsB::add);
            a.answered(ea.answer(a.offer(false, "sendrecv")));
            String holdAnswer = eb.answer(b.offer(false, "sendonly"));
            assertTrue(holdAnswer.contains("a=recvonly"));
            String inactive = eb.answer(b.offer(false, "inactive"));
            assertTrue(inactive.contains("a=inactive"));
            MediaEvent.RtpTimeout timeout = next(eventsA, MediaEvent.RtpTimeout.class);
            assertTrue(timeout.silence().toMillis() >= 400);
            Thread.sleep(300);
            assertTrue(eventsB.stream().noneMatch(e -> e instanceof MediaEvent.RtpTimeout));
            ea.direction(MediaDirection.SENDONLY);
            assertTrue(ea.localDescription().contains("a=sendonly"));
        }
    }

    @Test
    void closingAnEndpointEndsItsWorkThenReportsEndpointClosedLast() throws Exception {
        try (Phone a = new Phone("127.0.0.1")) {
            Endpoint ea = server.createEndpoint(eventsA::add);
            a.answered(ea.answer(a.offer(true, "sendrecv")));
            Path wav = dir.resolve("leg.wav");
            ea.record(new RecordingRequest(wav, RecordingRequest.Layout.MONO_MIX));
            ea.collectDigits(DigitCollection.singleDigit(Duration.ofSeconds(30)));
            ea.close();
            ea.close();

            MediaEvent.DigitsCollected cancelled = next(eventsA, MediaEvent.DigitsCollected.class);
            assertEquals(MediaEvent.CollectionEnd.CANCELLED, cancelled.end());
            assertEquals(wav, next(eventsA, MediaEvent.RecordingCompleted.class).path());
            assertEquals(ea.id(), next(eventsA, MediaEvent.EndpointClosed.class).endpoint());
            server.close();
            assertTrue(eventsA.isEmpty(), "nothing after EndpointClosed: " + eventsA);
        }
    }

    @Test
    void anEndpointThatABridgeRecordingReportsToClosesOnlyAfterThatRecordingsOutcome() throws Exception {
        Endpoint ea = server.createEndpoint(eventsA::add);
        Endpoint eb = server.createEndpoint(eventsB::add);
        Bridge bridge = server.createBridge();
        bridge.join(ea);
        bridge.join(eb);
        Path wav = dir.resolve("bridge.wav");
        bridge.record(new RecordingRequest(wav, RecordingRequest.Layout.STEREO_SPLIT), ea);
        ea.close();
        bridge.stopRecording();

        List<MediaEvent> seen = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (seen.stream().noneMatch(e -> e instanceof MediaEvent.EndpointClosed) && System.nanoTime() < deadline) {
            MediaEvent e = eventsA.poll(100, TimeUnit.MILLISECONDS);
            if (e != null) {
                seen.add(e);
            }
        }
        assertEquals(List.of(MediaEvent.RecordingCompleted.class, MediaEvent.EndpointClosed.class),
            seen.stream().map(Object::getClass).toList());
        assertEquals(Set.of(eb.id()), bridge.participants());
    }

    @Test
    void bridgeListenerHearsTheCloseOnceAndServerShutdownClosesEverything() throws Exception {
        BlockingQueue<BridgeId> closed = new LinkedBlockingQueue<>();
        Bridge first = server.createBridge(closed::add);
        Bridge second = server.createBridge(closed::add);
        Endpoint ea = server.createEndpoint(eventsA::add);
        second.join(ea);
        first.close();
        first.close();
        assertEquals(first.id(), closed.poll(5, TimeUnit.SECONDS));

        server.close();
        assertEquals(List.of(second.id()), List.copyOf(closed));
        assertEquals(1, eventsA.size(), "only the close: " + eventsA);
        assertTrue(eventsA.peek() instanceof MediaEvent.EndpointClosed c && c.endpoint().equals(ea.id()));
    }

    @Test
    void refusesEndpointsBeyondCapacity() throws Exception {
        server.close();
        int base = 40000 + 2 * ThreadLocalRandom.current().nextInt(5000);
        server = RtpMediaServer.start(MediaServerConfig.defaults().withPorts(base, base + 99).withMaxEndpoints(2));
        Endpoint first = server.createEndpoint(e -> { });
        server.createEndpoint(e -> { });
        assertFalse(server.load().canAcceptCall());
        try {
            server.createEndpoint(e -> { });
            throw new AssertionError("a third endpoint must be refused");
        } catch (org.parley.media.control.CapacityExhaustedException expected) {
            assertTrue(expected.getMessage().contains("2 endpoints"));
        }
        first.close();
        assertNotNull(server.createEndpoint(e -> { }));
    }

    // ---- helpers

    interface Frame {
        void send(int index) throws Exception;
    }

    /** Calls {@code frame} every 20 ms, on schedule rather than after a fixed sleep, like a phone's sound card. */
    /** The phone sends {@code frames} 20 ms frames of the tone, paced as a phone sends them. */
    private static void playFrom(Phone phone, ToneGenerator tone, int frames) throws Exception {
        short[] frame = new short[160];
        paced(frames, i -> {
            tone.fill(frame, 0, 160);
            phone.sendAudio(frame);
        });
    }

    private static void paced(int frames, Frame frame) throws Exception {
        long next = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            frame.send(i);
            next += 20_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    private static <T extends MediaEvent> T next(BlockingQueue<MediaEvent> events, Class<T> type) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            MediaEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within 5 s");
    }

    private static int duration(Phone.Received event) {
        return ((event.payload()[2] & 0xFF) << 8) | (event.payload()[3] & 0xFF);
    }

    private static int firstLoud(short[] s) {
        for (int i = 0; i < s.length; i++) {
            if (Math.abs(s[i]) > 1000) {
                return i;
            }
        }
        return -1;
    }

    private static double rms(short[] s, int from, int until) {
        int to = Math.min(until, s.length); // audio that started late on a loaded host ends early in the capture
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    private static double dbm0(double rms) {
        return 20 * Math.log10(rms * Math.sqrt(2) / org.parley.media.pipeline.AudioFormat.ZERO_DBM0_PEAK);
    }

    /** The tone at {@code heard} carries most of the signal, and the one at {@code absent} next to nothing. */
    private static void assertHearsOnly(short[] s, int from, int to, double heard, double absent) {
        double total = rms(s, from, to);
        double present = toneRms(s, from, to, heard);
        double missing = toneRms(s, from, to, absent);
        assertTrue(present > 0.7 * total, "the " + heard + " Hz tone is " + present + " of rms " + total);
        assertTrue(missing < 0.05 * present, "the " + absent + " Hz tone leaks: " + missing + " against " + present);
    }

    /** The RMS of the component at {@code hz} (Goertzel over the window). */
    private static double toneRms(short[] s, int from, int until, double hz) {
        int to = Math.min(until, s.length); // audio that started late on a loaded host ends early in the capture
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / 8000);
        double q1 = 0;
        double q2 = 0;
        for (int i = from; i < to; i++) {
            double q0 = coefficient * q1 - q2 + s[i];
            q2 = q1;
            q1 = q0;
        }
        double power = q1 * q1 + q2 * q2 - coefficient * q1 * q2;
        int n = to - from;
        return Math.sqrt(2 * power) / n;
    }

    /**
     * The dominant frequency in the window: the peak of its spectrum (Goertzel power, 5 Hz steps, then 0.1 Hz around
     * the best). Unlike counting zero crossings, a frame concealed after a packet came late on a loaded host moves
     * the estimate by well under a hertz.
     */
    private static double frequency(short[] s, int from, int to) {
        double best = peak(s, from, to, 50, 3950, 5);
        return peak(s, from, to, best - 5, best + 5, 0.1);
    }

    private static double peak(short[] s, int from, int to, double low, double high, double step) {
        double best = low;
        double bestPower = -1;
        for (double hz = low; hz <= high; hz += step) {
            double power = toneRms(s, from, to, hz);
            if (power > bestPower) {
                bestPower = power;
                best = hz;
            }
        }
        return best;
    }
}
