package org.parley.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.sip.call.CallTestPhone.await;
import static org.parley.sip.call.CallTestPhone.mediaAddress;
import static org.parley.sip.call.CallTestPhone.values;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.media.server.MediaServerConfig;
import org.parley.media.server.RtpMediaServer;
import org.parley.sip.call.CallTestPhone.IncomingCall;
import org.parley.sip.call.CallTestPhone.OutgoingCall;
import org.parley.sip.call.CallTestPhone.Packet;
import org.parley.sip.registrar.BindingTable;
import org.parley.sip.registrar.CachedDigestSecrets;
import org.parley.sip.registrar.DigestAlgorithm;
import org.parley.sip.registrar.DigestAuthenticator;
import org.parley.sip.registrar.Ha1;
import org.parley.sip.registrar.Registrar;
import org.parley.sip.registrar.RegistrarPolicy;
import org.parley.sip.registrar.RegistrarService;
import org.parley.slee.ra.media.MediaResourceAdaptor;
import org.parley.slee.ra.sip.SipEndpointConfig;
import org.parley.slee.ra.sip.SipResourceAdaptor;
import org.parley.slee.ra.sip.SipTestPhone;
import org.parley.slee.runtime.Slee;
import org.parley.time.ManualClock;
import org.parley.time.ManualScheduler;

/**
 * The call service behind the SIP adaptor on 127.0.0.1 and the media adaptor over a real media server, with the
 * registrar: JAIN SIP phones register, call each other through Parley, and send and receive real PCMU.
 */
class CallSbbTest {

    private static final String DOMAIN = "tenant.example";
    private static final Duration NO_ANSWER = Duration.ofSeconds(5);
    /** Louder than any silence or comfort noise, far quieter than the test tone (RMS about 11,000). */
    private static final double AUDIBLE = 1000;

    private final ManualClock clock = new ManualClock(Instant.now());
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ThreadPoolExecutor events = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(1000));
    private final ThreadPoolExecutor lookups = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(100));
    private final Map<String, String> passwords = Map.of("1001", "alice-secret", "1002", "bob-secret",
            "1003", "carol-secret");
    private final List<CallRecord> records = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private RtpMediaServer media;
    private Slee slee;
    private int port;

    private void start(MediaServerConfig mediaConfig) throws Exception {
        // A random even range, so parallel builds on this machine do not collide.
        int base = 40000 + 2 * ThreadLocalRandom.current().nextInt(5000);
        media = RtpMediaServer.start(mediaConfig.withPorts(base, base + 99));
        CachedDigestSecrets secrets = new CachedDigestSecrets(clock, Duration.ofSeconds(30), Duration.ofSeconds(5),
                lookups, (realm, username) -> {
                    String password = passwords.get(username);
                    return password == null || !realm.equals(DOMAIN) ? List.of()
                            : List.of(Ha1.of(DigestAlgorithm.MD5, username, realm, password));
                });
        Registrar registrar = new Registrar(RegistrarPolicy.DEFAULT, new BindingTable(clock, RegistrarPolicy.DEFAULT),
                new DigestAuthenticator(clock, Registrar.NONCE_LIFETIME, "test-key".getBytes(), secrets,
                        List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256)), secrets);
        slee = Slee.builder(events, clock, scheduler).build();
        slee.bindEnvironment(Registrar.ENVIRONMENT_NAME, registrar);
        slee.install(RegistrarService.definition());
        CallService.deploy(slee, new CallSettings(NO_ANSWER), (call, record, media) -> records.add(record));
        port = SipTestPhone.freePort();
        slee.addResourceAdaptor(SipResourceAdaptor.ENTITY_NAME,
                new SipResourceAdaptor(SipEndpointConfig.of("127.0.0.1", port)));
        slee.addResourceAdaptor(MediaResourceAdaptor.ENTITY_NAME, new MediaResourceAdaptor(media));
    }

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
        if (media != null) {
            media.close();
        }
        events.shutdownNow();
        lookups.shutdownNow();
    }

    /** A registered phone of the extension. */
    private CallTestPhone phone(String extension) throws Exception {
        CallTestPhone phone = new CallTestPhone(extension, DOMAIN, passwords.get(extension), port);
        closeAfter.add(phone);
        assertEquals(Response.OK, phone.register().getStatusCode(), extension + " registers");
        return phone;
    }

    /** Dials, is challenged with 407, and dials again with the right credentials. */
    private OutgoingCall call(CallTestPhone caller, String extension) throws Exception {
        OutgoingCall call = caller.dial(extension);
        Response challenge = call.awaitFinal();
        assertEquals(Response.PROXY_AUTHENTICATION_REQUIRED, challenge.getStatusCode());
        call.authenticate(challenge, passwords.get(caller.user));
        return call;
    }

    @Test
    void aliceCallsBobAndTheirAudioFlowsThroughParleysMediaServer() throws Exception {
        start();
        CallTestPhone alice = phone("1001");
        CallTestPhone bob = phone("1002");

        OutgoingCall call = alice.dial("1002");
        Response challenge = call.awaitFinal();
        assertEquals(Response.PROXY_AUTHENTICATION_REQUIRED, challenge.getStatusCode());
        assertTrue(values(challenge, "Proxy-Authenticate").get(0).contains("realm=\"" + DOMAIN + "\""),
                "the realm is the tenant's SIP domain, as for REGISTER");
        call.authenticate(challenge, "alice-secret");
        call.await(Response.TRYING);

        IncomingCall atBob = bob.awaitIncoming();
        InetSocketAddress parleyForBob = mediaAddress(atBob.invite);
        assertNotEquals(alice.rtpPort(), parleyForBob.getPort(), "Bob is offered Parley's media, not Alice's");
        assertTrue(values(atBob.invite, "From").get(0).contains("sip:1001@" + DOMAIN));
        assertTrue(values(atBob.invite, "Via").get(0).contains("127.0.0.1:" + port));
        assertTrue(values(atBob.invite, "Contact").get(0).contains("127.0.0.1:" + port));
        assertNotEquals(call.callId, atBob.callId(), "a B2BUA leg has its own Call-ID");

        atBob.ring();
        call.await(Response.RINGING);
        atBob.answer();
        Response ok = call.await(Response.OK);
        InetSocketAddress parleyForAlice = mediaAddress(ok);
        assertNotEquals(bob.rtpPort(), parleyForAlice.getPort(), "Alice talks to Parley's media, not Bob's");
        assertNotEquals(parleyForBob, parleyForAlice, "each leg has its own endpoint");
        assertEquals(2, media.load().endpointsInUse());
        call.ack(ok);
        atBob.awaitReceived(Request.ACK);

        CompletableFuture<Void> aliceTalks = CompletableFuture.runAsync(() -> talk(alice, parleyForAlice));
        CompletableFuture<Void> bobTalks = CompletableFuture.runAsync(() -> talk(bob, parleyForBob));
        aliceTalks.get(30, TimeUnit.SECONDS);
        bobTalks.get(30, TimeUnit.SECONDS);
        assertHearsOnlyFrom(alice, parleyForAlice);
        assertHearsOnlyFrom(bob, parleyForBob);

        assertEquals(Response.OK, call.bye().getStatusCode());
        atBob.awaitReceived(Request.BYE);
        await(() -> media.load().endpointsInUse() == 0, "both endpoints closed");
        await(() -> records.stream().anyMatch(CallRecord::isEnded), "the finished call record");
        CallRecord finished = records.stream().filter(CallRecord::isEnded).findFirst().orElseThrow();
        assertEquals("sip:1001@" + DOMAIN, finished.caller());
        assertEquals("sip:1002@" + DOMAIN, finished.callee());
        assertEquals(Optional.of(Disposition.ANSWERED), finished.disposition());
        assertEquals(Optional.of(HangupSide.CALLER), finished.hangupSide());
        await(() -> slee.rootEntityCount(CallService.NAME) == 0, "the call's entity gone");
    }

    /**
     * Both phones behind NAT: their SDP names a private address (127.0.0.7, 127.0.0.8) nobody listens on, while
     * their RTP comes from 127.0.0.1, where their INVITE and REGISTER came from. Parley latches each leg to that
     * source, so both hear the other; a stranger on a third address is never latched and hears nothing.
     */
    @Test
    void phonesBehindNatAreHeardFromTheirSipSourceAndAStrangerIsNot() throws Exception {
        start();
        CallTestPhone alice = phone("1001");
        CallTestPhone bob = phone("1002");
        alice.advertise("127.0.0.7");
        bob.advertise("127.0.0.8");
        OutgoingCall call = call(alice, "1002");
        IncomingCall atBob = bob.awaitIncoming();
        InetSocketAddress parleyForBob = mediaAddress(atBob.invite);
        atBob.answer();
        Response ok = call.await(Response.OK);
        InetSocketAddress parleyForAlice = mediaAddress(ok);
        call.ack(ok);
        atBob.awaitReceived(Request.ACK);

        try (java.nio.channels.DatagramChannel stranger = java.nio.channels.DatagramChannel.open()
                .bind(new InetSocketAddress("127.0.0.2", 0))) {
            java.nio.ByteBuffer packet = java.nio.ByteBuffer.allocate(12 + 160);
            org.parley.media.rtp.RtpPacketWriter.writeHeader(packet, true, 0, 1, 0, 0x5EED);
            for (int i = 0; i < 10; i++) {
                stranger.send(packet.clear(), parleyForAlice);
                stranger.send(packet.clear(), parleyForBob);
            }
            CompletableFuture<Void> aliceTalks = CompletableFuture.runAsync(() -> talk(alice, parleyForAlice));
            CompletableFuture<Void> bobTalks = CompletableFuture.runAsync(() -> talk(bob, parleyForBob));
            aliceTalks.get(30, TimeUnit.SECONDS);
            bobTalks.get(30, TimeUnit.SECONDS);
            assertHearsOnlyFrom(alice, parleyForAlice);
            assertHearsOnlyFrom(bob, parleyForBob);
            stranger.configureBlocking(false);
            assertNull(stranger.receive(java.nio.ByteBuffer.allocate(2048)), "the stranger was sent the call's audio");
        }
        assertEquals(Response.OK, call.bye().getStatusCode());
        atBob.awaitReceived(Request.BYE);
    }

    @Test
    void bobHangsUpAndAliceGetsTheBye() throws Exception {
        start();
        CallTestPhone alice = phone("1001");
        CallTestPhone bob = phone("1002");
        OutgoingCall call = call(alice, "1002");
        IncomingCall atBob = bob.awaitIncoming();
        atBob.answer();
        call.ack(call.await(Response.OK));
        atBob.awaitReceived(Request.ACK);

        assertEquals(Response.OK, atBob.bye().getStatusCode());
        call.awaitBye();
        await(() -> media.load().endpointsInUse() == 0, "both endpoints closed");
        await(() -> records.stream().anyMatch(CallRecord::isEnded), "the finished call record");
        assertEquals(Optional.of(HangupSide.CALLEE), lastRecord().hangupSide());
    }

    @Test
    void aBusyCalleeGivesTheCallerBusy() throws Exception {
        start();
        CallTestPhone alice = phone("1001");
        CallTestPhone bob = phone("1002");
        OutgoingCall call = call(alice, "1002");
        bob.awaitIncoming().reject(Response.BUSY_HERE);

        assertEquals(Response.BUSY_HERE, call.awaitFinal().getStatusCode());
        await(() -> media.load().endpointsInUse() == 0, "both endpoints closed");
        await(() -> records.stream().anyMatch(CallRecord::isEnded), "the finished call record");
        assertEquals(Optional.of(Disposition.BUSY), lastRecord().disposition());
    }

    @Test
    void aCallNobodyAnswersTimesOutWith408AndTheCalleeIsCancelled() throws Exception {
        start();
        CallTestPhone alice = phone("1001");
        CallTestPhone bob = phone("1002");
        OutgoingCall call = call(alice, "1002");
        IncomingCall atBob = bob.awaitIncoming();
        atBob.ring();
        call.await(Response.RINGING);

        // The timer is armed when the call forks; step time until it has fired, however the threads interleave.
        CompletableFuture<Response> last = CompletableFuture.supplyAsync(() -> {
            try {
                return call.awaitFinal();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await(() -> {
            scheduler.elapse(NO_ANSWER);
            return last.isDone();
        }, "the no-answer timeout");
        assertEquals(Response.REQUEST_TIMEOUT, last.get().getStatusCode());
        atBob.awaitReceived(Request.CANCEL);
        await(() -> media.load().endpointsInUse() == 0, "both endpoints closed");
        await(() -> records.stream().anyMatch(CallRecord::isEnded), "the finished call record");
        assertEquals(Optional.of(Disposition.NO_ANSWER), lastRecord().disposition());
    }

    @Test
    void theCallerCancellingWhileItRingsGets487AndTheCalleeACancel() throws Exception {
        start();
        CallTestPhone alice = phone("1001");
        CallTestPhone bob = phone("1002");
        OutgoingCall call = call(alice, "1002");
        IncomingCall atBob = bob.awaitIncoming();
        atBob.ring();
        call.await(Response.RINGING);

        assertEquals(Response.OK, call.cancel().getStatusCode());
        assertEquals(Response.REQUEST_TERMINATED, call.awaitFinal().getStatusCode());
        atBob.awaitReceived(Request.CANCEL);
        await(() -> media.load().endpointsInUse() == 0, "both endpoints closed");
        await(() -> records.stream().anyMatch(CallRecord::isEnded), "the finished call record");
        assertEquals(Optional.of(Disposition.CANCELLED), lastRecord().disposition());
    }

    @Test
    void anUnknownExtensionIsNotFoundAndOneWithoutPhonesIsUnavailable() throws Exception {
        start();
        CallTestPhone alice = phone("1001");

        assertEquals(Response.NOT_FOUND, call(alice, "1099").awaitFinal().getStatusCode());
        assertEquals(Response.TEMPORARILY_UNAVAILABLE, call(alice, "1003").awaitFinal().getStatusCode());
        assertEquals(0, media.load().endpointsInUse(), "no media is anchored for a call that cannot ring");
    }

    @Test
    void aWrongPasswordIsChallengedAgainAndNoInviteReachesTheCallee() throws Exception {
        start();
        CallTestPhone alice = phone("1001");
        CallTestPhone bob = phone("1002");
        OutgoingCall call = alice.dial("1002");
        Response challenge = call.awaitFinal();
        call.authenticate(challenge, "not-alices-password");

        assertEquals(Response.PROXY_AUTHENTICATION_REQUIRED, call.awaitFinal().getStatusCode());
        assertNull(bob.awaitIncoming(Duration.ofSeconds(1)), "Bob's phone never rang");
        assertTrue(records.isEmpty(), "no call was started");
    }

    @Test
    void aLateSecondAnswerInAForkIsAcknowledgedAndHungUpWhileTheCallGoesOn() throws Exception {
        start();
        CallTestPhone alice = phone("1001");
        CallTestPhone desk = phone("1002");
        CallTestPhone mobile = phone("1002");
        OutgoingCall call = call(alice, "1002");
        IncomingCall atDesk = desk.awaitIncoming();
        IncomingCall atMobile = mobile.awaitIncoming();
        // The mobile's answer crosses Parley's CANCEL.
        atMobile.answerWhenCancelled = true;

        atDesk.ring();
        call.await(Response.RINGING);
        atDesk.answer();
        call.ack(call.await(Response.OK));
        atDesk.awaitReceived(Request.ACK);

        atMobile.awaitReceived(Request.CANCEL);
        atMobile.awaitReceived(Request.ACK);
        atMobile.awaitReceived(Request.BYE);
        assertTrue(call.byesReceived.isEmpty(), "Alice's call goes on");
        assertTrue(!atDesk.received.contains(Request.BYE), "the desk phone's call goes on");

        assertEquals(Response.OK, call.bye().getStatusCode());
        atDesk.awaitReceived(Request.BYE);
        await(() -> media.load().endpointsInUse() == 0, "both endpoints closed");
    }

    @Test
    void aCallerWithoutAnOfferAnswersParleysOfferInItsAckAndTheirAudioFlows() throws Exception {
        start();
        CallTestPhone alice = phone("1001");
        CallTestPhone bob = phone("1002");
        OutgoingCall call = alice.dialWithoutOffer("1002");
        call.authenticate(call.awaitFinal(), "alice-secret");
        IncomingCall atBob = bob.awaitIncoming();
        InetSocketAddress parleyForBob = mediaAddress(atBob.invite);
        atBob.answer();

        Response ok = call.await(Response.OK);
        InetSocketAddress parleyForAlice = mediaAddress(ok);
        assertNotEquals(parleyForBob, parleyForAlice, "Alice is offered her own endpoint");
        call.ack(ok, alice.offer());
        atBob.awaitReceived(Request.ACK);

        CompletableFuture<Void> aliceTalks = CompletableFuture.runAsync(() -> talk(alice, parleyForAlice));
        CompletableFuture<Void> bobTalks = CompletableFuture.runAsync(() -> talk(bob, parleyForBob));
        aliceTalks.get(30, TimeUnit.SECONDS);
        bobTalks.get(30, TimeUnit.SECONDS);
        assertHearsOnlyFrom(alice, parleyForAlice);
        assertHearsOnlyFrom(bob, parleyForBob);

        assertEquals(Response.OK, call.bye().getStatusCode());
        atBob.awaitReceived(Request.BYE);
        await(() -> records.stream().anyMatch(CallRecord::isEnded), "the finished call record");
        assertEquals(Optional.of(Disposition.ANSWERED), lastRecord().disposition());
        assertEquals(Optional.empty(), lastRecord().mediaFailure());
        await(() -> slee.rootEntityCount(CallService.NAME) == 0, "the call's entity gone");
    }

    @Test
    void anAckWithoutTheAnswerToParleysOfferHangsUpBothLegs() throws Exception {
        start();
        CallTestPhone alice = phone("1001");
        CallTestPhone bob = phone("1002");
        OutgoingCall call = alice.dialWithoutOffer("1002");
        call.authenticate(call.awaitFinal(), "alice-secret");
        IncomingCall atBob = bob.awaitIncoming();
        atBob.answer();
        call.ack(call.await(Response.OK));

        call.awaitBye();
        atBob.awaitReceived(Request.BYE);
        await(() -> media.load().endpointsInUse() == 0, "both endpoints closed");
        await(() -> records.stream().anyMatch(CallRecord::isEnded), "the finished call record");
        assertEquals(Optional.of(MediaFailure.CALLER_ANSWER_MISSING), lastRecord().mediaFailure());
        assertEquals(Optional.of(HangupSide.SYSTEM), lastRecord().hangupSide());
        assertEquals(Optional.of(Disposition.FAILED), lastRecord().disposition());
        await(() -> slee.rootEntityCount(CallService.NAME) == 0, "the call's entity gone");
    }

    @Test
    void aNoAudioAnswerInTheAckIsRefusedLikeAMissingOne() throws Exception {
        start();
        CallTestPhone alice = phone("1001");
        CallTestPhone bob = phone("1002");
        OutgoingCall call = alice.dialWithoutOffer("1002");
        call.authenticate(call.awaitFinal(), "alice-secret");
        IncomingCall atBob = bob.awaitIncoming();
        atBob.answer();
        call.ack(call.await(Response.OK), alice.offer().replace("RTP/AVP 0", "RTP/AVP 18")
                .replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:18 G729/8000"));

        call.awaitBye();
        atBob.awaitReceived(Request.BYE);
        await(() -> records.stream().anyMatch(CallRecord::isEnded), "the finished call record");
        assertEquals(Optional.of(MediaFailure.CALLER_ANSWER_NOT_ACCEPTABLE), lastRecord().mediaFailure());
    }

    @Test
    void aPhoneThatNeverSendsTheFinalResponseToParleysCancelIsGivenUpAfter64T1() throws Exception {
        start();
        CallTestPhone alice = phone("1001");
        CallTestPhone bob = phone("1002");
        OutgoingCall call = call(alice, "1002");
        IncomingCall atBob = bob.awaitIncoming();
        atBob.silentWhenCancelled = true;
        atBob.ring();
        call.await(Response.RINGING);

        assertEquals(Response.OK, call.cancel().getStatusCode());
        assertEquals(Response.REQUEST_TERMINATED, call.awaitFinal().getStatusCode());
        atBob.awaitReceived(Request.CANCEL);
        await(() -> records.stream().anyMatch(CallRecord::isEnded), "the finished call record");
        assertEquals(1, slee.rootEntityCount(CallService.NAME), "the call still waits for Bob's final response");

        await(() -> {
            scheduler.elapse(CallSbb.CANCEL_GUARD);
            return slee.rootEntityCount(CallService.NAME) == 0;
        }, "the call to let go of Bob's silent branch");
        assertEquals(Optional.of(Disposition.CANCELLED), lastRecord().disposition());
        assertEquals(0, media.load().endpointsInUse());
    }

    @Test
    void aReInviteWhoseOfferParleyCannotAnswerGets488AndTheCallGoesOn() throws Exception {
        start();
        CallTestPhone alice = phone("1001");
        CallTestPhone bob = phone("1002");
        OutgoingCall call = call(alice, "1002");
        IncomingCall atBob = bob.awaitIncoming();
        atBob.answer();
        Response ok = call.await(Response.OK);
        InetSocketAddress parleyForAlice = mediaAddress(ok);
        InetSocketAddress parleyForBob = mediaAddress(atBob.invite);
        call.ack(ok);
        atBob.awaitReceived(Request.ACK);

        String g729Hold = alice.offer().replace("RTP/AVP 0", "RTP/AVP 18").replace("a=rtpmap:0 PCMU/8000",
                "a=rtpmap:18 G729/8000").replace("a=sendrecv", "a=sendonly");
        assertEquals(Response.NOT_ACCEPTABLE_HERE, call.reInvite(g729Hold).getStatusCode());
        assertEquals(Response.OK, call.reInvite(alice.offer()).getStatusCode(), "the call is still up");

        CompletableFuture<Void> aliceTalks = CompletableFuture.runAsync(() -> talk(alice, parleyForAlice));
        CompletableFuture<Void> bobTalks = CompletableFuture.runAsync(() -> talk(bob, parleyForBob));
        aliceTalks.get(30, TimeUnit.SECONDS);
        bobTalks.get(30, TimeUnit.SECONDS);
        assertHearsOnlyFrom(alice, parleyForAlice);
        assertHearsOnlyFrom(bob, parleyForBob);
        assertEquals(Response.OK, call.bye().getStatusCode());
        atBob.awaitReceived(Request.BYE);
    }

    /**
     * RFC 3264 §4: Alice's re-INVITE without SDP gets Parley's offer in a 200 and her ACK answers it: the next
     * re-INVITE is answered and the audio still flows both ways. Then again without SDP, and a re-INVITE with an
     * offer of her own follows without the ACK ever reaching Parley: since she may send it only after that ACK
     * (RFC 3261 §14.1), it vouches for the ACK once the wait for it is over, and its offer supersedes Parley's.
     */
    @Test
    void anOfferlessReInviteGetsParleysOfferWhoseAnswerComesInTheAck() throws Exception {
        start();
        CallTestPhone alice = phone("1001");
        CallTestPhone bob = phone("1002");
        OutgoingCall call = call(alice, "1002");
        IncomingCall atBob = bob.awaitIncoming();
        atBob.answer();
        Response ok = call.await(Response.OK);
        InetSocketAddress parleyForAlice = mediaAddress(ok);
        InetSocketAddress parleyForBob = mediaAddress(atBob.invite);
        call.ack(ok);
        atBob.awaitReceived(Request.ACK);

        Response offering = call.reInviteWithoutOffer();
        assertEquals(Response.OK, offering.getStatusCode());
        assertTrue(offering.getRawContent() != null && offering.getRawContent().length > 0, "Parley offers");
        call.ack(offering, alice.offer());
        assertEquals(Response.OK, call.reInvite(alice.offer()).getStatusCode(), "answered once the ACK came");
        CompletableFuture<Void> aliceTalks = CompletableFuture.runAsync(() -> talk(alice, parleyForAlice));
        CompletableFuture<Void> bobTalks = CompletableFuture.runAsync(() -> talk(bob, parleyForBob));
        aliceTalks.get(30, TimeUnit.SECONDS);
        bobTalks.get(30, TimeUnit.SECONDS);
        assertHearsOnlyFrom(alice, parleyForAlice);
        assertHearsOnlyFrom(bob, parleyForBob);

        assertEquals(Response.OK, call.reInviteWithoutOffer().getStatusCode());
        // Parley's offer waits for the answer in the ACK; a new offer can come only after that ACK (RFC 3261 §14.1).
        // The ACK never came, so the new offer vouches for it and supersedes the answer it carried.
        assertEquals(Response.OK, call.reInvite(alice.offer(), this::letTimePass).getStatusCode(),
                "an offer after Parley's, whose ACK did not come in time");
        assertEquals(Response.OK, call.bye().getStatusCode());
        atBob.awaitReceived(Request.BYE);
        await(() -> records.stream().anyMatch(CallRecord::isEnded), "the finished call record");
        assertEquals(Optional.of(Disposition.ANSWERED), lastRecord().disposition());
    }

    @Test
    void aReInviteThatOvertookItsAckWaitsForItAndIsAnswered() throws Exception {
        start();
        CallTestPhone alice = phone("1001");
        CallTestPhone bob = phone("1002");
        OutgoingCall call = call(alice, "1002");
        IncomingCall atBob = bob.awaitIncoming();
        atBob.answer();
        Response ok = call.await(Response.OK);

        // The stack reads each datagram on its own thread: the hold may reach the call before the ACK sent first.
        String hold = alice.offer().replace("a=sendrecv", "a=sendonly");
        AtomicBoolean acked = new AtomicBoolean();
        Response held = call.reInvite(hold, () -> {
            if (acked.compareAndSet(false, true)) {
                call.ack(ok);
            }
        });
        assertEquals(Response.OK, held.getStatusCode(), "answered once the ACK came, not refused as crossing it");
        assertTrue(new String(held.getRawContent(), StandardCharsets.UTF_8).contains("a=recvonly"),
                "Parley's endpoint answers the hold");
        assertEquals(Response.OK, call.reInvite(alice.offer()).getStatusCode(), "and the resume");
        assertEquals(Response.OK, call.bye().getStatusCode());
        await(() -> records.stream().anyMatch(CallRecord::isEnded), "the finished call record");
        assertEquals(Optional.of(Disposition.ANSWERED), lastRecord().disposition());
    }

    @Test
    void aReInviteWhoseAckNeverCameVouchesForItOnceItsWaitIsOver() throws Exception {
        start();
        CallTestPhone alice = phone("1001");
        CallTestPhone bob = phone("1002");
        OutgoingCall call = call(alice, "1002");
        IncomingCall atBob = bob.awaitIncoming();
        atBob.answer();
        Response ok = call.await(Response.OK);

        String hold = alice.offer().replace("a=sendrecv", "a=sendonly");
        Response held = call.reInvite(hold, this::letTimePass);
        assertEquals(Response.OK, held.getStatusCode(), "the ACK it follows was sent before it, even if never seen");
        assertTrue(new String(held.getRawContent(), StandardCharsets.UTF_8).contains("a=recvonly"));
        // The late ACK changes nothing; the call is connected, not torn down for want of it.
        call.ack(ok);
        scheduler.elapse(CallSbb.ACK_TIMEOUT);
        assertEquals(Response.OK, call.reInvite(alice.offer()).getStatusCode(), "resumed");
        assertEquals(Response.OK, call.bye().getStatusCode());
        atBob.awaitReceived(Request.BYE);
        await(() -> records.stream().anyMatch(CallRecord::isEnded), "the finished call record");
        assertEquals(Optional.of(Disposition.ANSWERED), lastRecord().disposition());
    }

    @Test
    void noMediaCapacityIsAnswered503WithRetryAfter() throws Exception {
        // One endpoint slot: never room for the two a call needs.
        start(MediaServerConfig.defaults().withMaxEndpoints(1));
        CallTestPhone alice = phone("1001");
        CallTestPhone bob = phone("1002");
        Response response = call(alice, "1002").awaitFinal();

        assertEquals(Response.SERVICE_UNAVAILABLE, response.getStatusCode());
        assertEquals(1, values(response, "Retry-After").size());
        assertNull(bob.awaitIncoming(Duration.ofSeconds(1)), "Bob's phone never rang");
    }

    /** A re-INVITE that overtook its ACK waits for it {@link CallSbb#PARKED_REINVITE_WAIT} on the SLEE's clock. */
    private void letTimePass() {
        scheduler.elapse(CallSbb.PARKED_REINVITE_WAIT.dividedBy(4));
    }

    private CallRecord lastRecord() {
        return records.get(records.size() - 1);
    }

    private static void talk(CallTestPhone phone, InetSocketAddress to) {
        try {
            phone.talk(to, 100);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything the phone received came from its Parley endpoint, and some of it is the other party's tone. */
    private static void assertHearsOnlyFrom(CallTestPhone phone, InetSocketAddress parley) {
        List<Packet> packets = new ArrayList<>();
        await(() -> {
            try {
                packets.addAll(phone.drain());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return packets.stream().anyMatch(packet -> packet.level() > AUDIBLE);
        }, phone.user + " to hear the other party's tone");
        assertTrue(packets.stream().allMatch(packet -> packet.from().getPort() == parley.getPort()
                        && packet.from().getAddress().equals(parley.getAddress())),
                phone.user + " hears only Parley's endpoint at " + parley);
    }
}
