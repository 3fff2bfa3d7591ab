package org.parley.sip.call;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.parley.media.codec.g711.G711;
import org.parley.media.rtp.RtpPacketWriter;
import org.parley.media.sdp.MediaDescription;
import org.parley.media.sdp.SdpParser;
import org.parley.media.sdp.SessionDescription;
import org.parley.sip.registrar.DigestAlgorithm;
import org.parley.sip.registrar.DigestCredentials;
import org.parley.sip.registrar.DigestResponse;
import org.parley.sip.registrar.Ha1;
import org.parley.slee.ra.sip.SipTestPhone;

/**
 * A SIP phone on 127.0.0.1 for the call service's tests: its own JAIN SIP stack (automatic dialogs, as a phone
 * has) and one RTP socket. It registers with digest credentials, places calls (answering the 407 when told), and
 * takes calls the test answers, rejects or lets ring; it answers BYE and CANCEL as a phone does. Audio is PCMU: a
 * tone it sends on the RTP socket, and the packets it receives, each with where it came from.
 */
final class CallTestPhone implements SipListener, AutoCloseable {

    /** Generous: the CI machine has two cores and other builds run beside the tests. */
    static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final int FRAME = 160;

    final String user;
    final String domain;
    private final String password;
    private final int parleyPort;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final SipStack stack;
    private final SipProvider provider;
    private final int sipPort;
    private final DatagramChannel rtp;
    private final String registrationCallId = UUID.randomUUID() + "@127.0.0.1";
    private final AtomicLong registerCseq = new AtomicLong();
    private final BlockingQueue<Response> registerResponses = new LinkedBlockingQueue<>();
    private final BlockingQueue<IncomingCall> incoming = new LinkedBlockingQueue<>();
    private final Map<String, IncomingCall> incomingByCallId = new ConcurrentHashMap<>();
    private final Map<String, OutgoingCall> outgoingByCallId = new ConcurrentHashMap<>();

    CallTestPhone(String user, String domain, String password, int parleyPort) throws Exception {
        this.user = user;
        this.domain = domain;
        this.password = password;
        this.parleyPort = parleyPort;
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        addresses = factory.createAddressFactory();
        headers = factory.createHeaderFactory();
        messages = factory.createMessageFactory();
        java.util.Properties properties = SipTestPhone.stackProperties("call-test-phone-" + user);
        // One thread takes the phone's messages in the order they arrive, as a phone does. With the RI's default
        // pool, a BYE sent right after an ACK could be processed first; the ACK, now for an ended dialog, was then
        // dropped by this test phone's stack and a test waiting for it failed under load.
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        stack = factory.createSipStack(properties);
        sipPort = SipTestPhone.freePort();
        ListeningPoint point = stack.createListeningPoint("127.0.0.1", sipPort, "udp");
        provider = stack.createSipProvider(point);
        provider.addSipListener(this);
        stack.start();
        rtp = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        rtp.configureBlocking(false);
    }

    /** The address this phone's SDP names; its RTP socket stays on 127.0.0.1 (a phone behind NAT when they differ). */
    private volatile String sdpAddress = "127.0.0.1";

    /** Makes the SDP name another address than the one the phone sends from, as a phone behind NAT does. */
    void advertise(String address) {
        sdpAddress = address;
    }

    int rtpPort() {
        return ((InetSocketAddress) rtp.socket().getLocalSocketAddress()).getPort();
    }

    String offer() {
        return "v=0\r\n"
                + "o=" + user + " 1 1 IN IP4 " + sdpAddress + "\r\n"
                + "s=-\r\n"
                + "c=IN IP4 " + sdpAddress + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + rtpPort() + " RTP/AVP 0\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=sendrecv\r\n";
    }

    // ---- registration ---------------------------------------------------------------------------------------

    /** REGISTER, answer the 401, and return the final response to the authenticated REGISTER. */
    Response register() throws Exception {
        Response challenge = sendRegister(null);
        if (challenge == null || challenge.getStatusCode() != Response.UNAUTHORIZED) {
            return challenge;
        }
        return sendRegister(challenge);
    }

    private Response sendRegister(Response challenge) throws Exception {
        Address aor = addresses.createAddress("sip:" + user + "@" + domain);
        Request request = messages.createRequest(addresses.createURI("sip:" + domain + ":" + parleyPort),
                Request.REGISTER, headers.createCallIdHeader(registrationCallId),
                headers.createCSeqHeader(registerCseq.incrementAndGet(), Request.REGISTER),
                headers.createFromHeader(aor, tag()), headers.createToHeader(aor, null), via(),
                headers.createMaxForwardsHeader(70));
        request.addHeader(contact());
        request.addHeader(route());
        request.setExpires(headers.createExpiresHeader(3600));
        if (challenge != null) {
            authorize(request, challenge, "WWW-Authenticate", "Authorization", password);
        }
        registerResponses.clear();
        provider.getNewClientTransaction(request).sendRequest();
        return registerResponses.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- calling --------------------------------------------------------------------------------------------

    /** Sends an INVITE to the extension without credentials, as a phone first does. */
    OutgoingCall dial(String extension) throws Exception {
        OutgoingCall call = new OutgoingCall(extension, true);
        outgoingByCallId.put(call.callId, call);
        call.sendInvite(null, null);
        return call;
    }

    /** The same without SDP in the INVITE (RFC 3261 §13.2.1): the offer is expected in the 200, the answer in the ACK. */
    OutgoingCall dialWithoutOffer(String extension) throws Exception {
        OutgoingCall call = new OutgoingCall(extension, false);
        outgoingByCallId.put(call.callId, call);
        call.sendInvite(null, null);
        return call;
    }

    /** The next call Parley offers this phone, or null if none within {@code wait}. */
    IncomingCall awaitIncoming(Duration wait) throws InterruptedException {
        return incoming.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    IncomingCall awaitIncoming() throws InterruptedException {
        IncomingCall call = awaitIncoming(PATIENCE);
        if (call == null) {
            throw new AssertionError(user + " at port " + sipPort + " got no INVITE within " + PATIENCE);
        }
        return call;
    }

    /** A call this phone placed. */
    final class OutgoingCall {

        final String callId = UUID.randomUUID() + "@127.0.0.1";
        private final String fromTag = tag();
        private final String extension;
        private final boolean offerInInvite;
        private final AtomicLong cseq = new AtomicLong();
        private final BlockingQueue<Response> inviteResponses = new LinkedBlockingQueue<>();
        private final BlockingQueue<Response> otherResponses = new LinkedBlockingQueue<>();
        final List<Request> byesReceived = new CopyOnWriteArrayList<>();
        private volatile ClientTransaction invite;
        private volatile Dialog dialog;

        OutgoingCall(String extension, boolean offerInInvite) {
            this.extension = extension;
            this.offerInInvite = offerInInvite;
        }

        /** Resends the INVITE with credentials for the 407's challenge (RFC 3261 §22.3), same Call-ID and tag. */
        void authenticate(Response challenge, String withPassword) throws Exception {
            sendInvite(challenge, withPassword);
        }

        private void sendInvite(Response challenge, String withPassword) throws Exception {
            Address from = addresses.createAddress("sip:" + user + "@" + domain);
            Address to = addresses.createAddress("sip:" + extension + "@" + domain);
            Request request = messages.createRequest(
                    addresses.createURI("sip:" + extension + "@" + domain + ":" + parleyPort), Request.INVITE,
                    headers.createCallIdHeader(callId), headers.createCSeqHeader(cseq.incrementAndGet(), Request.INVITE),
                    headers.createFromHeader(from, fromTag), headers.createToHeader(to, null), via(),
                    headers.createMaxForwardsHeader(70));
            request.addHeader(contact());
            request.addHeader(route());
            if (offerInInvite) {
                request.setContent(offer(), headers.createContentTypeHeader("application", "sdp"));
            }
            if (challenge != null) {
                authorize(request, challenge, "Proxy-Authenticate", "Proxy-Authorization", withPassword);
            }
            invite = provider.getNewClientTransaction(request);
            dialog = invite.getDialog();
            invite.sendRequest();
        }

        /** The next response to our INVITE with this status. */
        Response await(int status) throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            List<Integer> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                Response response = inviteResponses.poll(100, TimeUnit.MILLISECONDS);
                if (response == null) {
                    continue;
                }
                seen.add(response.getStatusCode());
                if (response.getStatusCode() == status) {
                    return response;
                }
            }
            throw new AssertionError(user + " waited for " + status + " to its INVITE; saw " + seen);
        }

        /** The next final response to our INVITE. */
        Response awaitFinal() throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                Response response = inviteResponses.poll(100, TimeUnit.MILLISECONDS);
                if (response != null && response.getStatusCode() >= 200) {
                    return response;
                }
            }
            throw new AssertionError(user + " got no final response to its INVITE");
        }

        void ack(Response ok) throws Exception {
            Dialog answered = dialog;
            answered.sendAck(answered.createAck(((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber()));
        }

        /** Acknowledges the 200 with an SDP body: the answer to the offer it carried. */
        void ack(Response ok, String answer) throws Exception {
            Dialog answered = dialog;
            Request ack = answered.createAck(((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber());
            ack.setContent(answer, headers.createContentTypeHeader("application", "sdp"));
            answered.sendAck(ack);
        }

        /**
         * Sends a re-INVITE without SDP in the call's dialog (RFC 3261 §14.2: it asks Parley to offer); its final
         * response, not yet acknowledged: the ACK must bring the answer ({@link #ack(Response, String)}).
         */
        Response reInviteWithoutOffer() throws Exception {
            Request reInvite = dialog.createRequest(Request.INVITE);
            reInvite.setHeader(contact());
            return sendReInvite(reInvite, () -> { });
        }

        /** Sends a re-INVITE with this offer in the call's dialog; its final response, acknowledged if a 2xx. */
        Response reInvite(String sdp) throws Exception {
            return reInvite(sdp, () -> { });
        }

        /**
         * As {@link #reInvite(String)}, running {@code whileWaiting} every 100 ms until the final response comes: it
         * may send the ACK this re-INVITE overtook, or let the server's timers run.
         */
        Response reInvite(String sdp, Waiting whileWaiting) throws Exception {
            Request reInvite = dialog.createRequest(Request.INVITE);
            reInvite.setHeader(contact());
            reInvite.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
            Response response = sendReInvite(reInvite, whileWaiting);
            if (response.getStatusCode() < 300) {
                ack(response);
            }
            return response;
        }

        /** The re-INVITE's own final response: a 2xx of an earlier INVITE, retransmitted until its ACK, is not it. */
        private Response sendReInvite(Request reInvite, Waiting whileWaiting) throws Exception {
            long cseq = ((CSeqHeader) reInvite.getHeader(CSeqHeader.NAME)).getSeqNumber();
            inviteResponses.clear();
            dialog.sendRequest(provider.getNewClientTransaction(reInvite));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                Response response = inviteResponses.poll(100, TimeUnit.MILLISECONDS);
                if (response == null) {
                    whileWaiting.run();
                } else if (response.getStatusCode() >= 200
                        && ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber() == cseq) {
                    return response;
                }
            }
            throw new AssertionError(user + " got no final response to its re-INVITE");
        }

        /** Hangs up; the final response to the BYE. */
        Response bye() throws Exception {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction transaction = provider.getNewClientTransaction(bye);
            dialog.sendRequest(transaction);
            return awaitOther(Request.BYE);
        }

        /** Cancels the INVITE; the final response to the CANCEL. */
        Response cancel() throws Exception {
            provider.getNewClientTransaction(invite.createCancel()).sendRequest();
            return awaitOther(Request.CANCEL);
        }

        private Response awaitOther(String method) throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                Response response = otherResponses.poll(100, TimeUnit.MILLISECONDS);
                if (response != null && response.getStatusCode() >= 200
                        && ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod().equals(method)) {
                    return response;
                }
            }
            throw new AssertionError(user + " got no final response to its " + method);
        }

        void awaitBye() {
            CallTestPhone.await(() -> !byesReceived.isEmpty(), user + " to receive a BYE");
        }
    }

    /** A call Parley offers this phone. */
    /** What a test does while a request of its phone waits for its final response. */
    @FunctionalInterface
    interface Waiting {
        void run() throws Exception;
    }

    final class IncomingCall {

        final Request invite;
        final ServerTransaction transaction;
        private final String toTag = tag();
        final List<String> received = new CopyOnWriteArrayList<>();
        /** Answer 200 when a CANCEL arrives, before answering the CANCEL: a 200 that crossed the CANCEL. */
        volatile boolean answerWhenCancelled;
        /** Answer a CANCEL with 200 but never send the INVITE's final response, as a broken phone might. */
        volatile boolean silentWhenCancelled;

        IncomingCall(Request invite, ServerTransaction transaction) {
            this.invite = invite;
            this.transaction = transaction;
        }

        String callId() {
            return ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        }

        void ring() throws Exception {
            transaction.sendResponse(response(Response.RINGING));
        }

        void answer() throws Exception {
            Response ok = response(Response.OK);
            ok.setContent(offerAnswer(), headers.createContentTypeHeader("application", "sdp"));
            transaction.sendResponse(ok);
        }

        void reject(int status) throws Exception {
            transaction.sendResponse(response(status));
        }

        /** Hangs up an answered call; the final response to the BYE. */
        Response bye() throws Exception {
            Dialog dialog = transaction.getDialog();
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction client = provider.getNewClientTransaction(bye);
            incomingByeResponses.clear();
            dialog.sendRequest(client);
            return incomingByeResponses.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Waits until this call has seen the request (ACK, BYE, CANCEL). */
        void awaitReceived(String method) {
            CallTestPhone.await(() -> received.contains(method), user + " to receive " + method + "; saw " + received
                    + (errors.isEmpty() ? "" : "; failed: " + errors));
        }

        private String offerAnswer() {
            return offer();
        }

        private Response response(int status) throws Exception {
            Response response = messages.createResponse(status, invite);
            ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(toTag);
            response.addHeader(contact());
            return response;
        }
    }

    private final BlockingQueue<Response> incomingByeResponses = new LinkedBlockingQueue<>();
    /** What this phone failed to do when Parley's requests came in. */
    final List<String> errors = new CopyOnWriteArrayList<>();

    // ---- RTP ------------------------------------------------------------------------------------------------

    /** Where an SDP body says to send RTP. */
    static InetSocketAddress mediaAddress(Message message) throws Exception {
        SessionDescription description = SdpParser.parse(new String(message.getRawContent(), StandardCharsets.UTF_8));
        MediaDescription audio = description.media().get(0);
        return new InetSocketAddress(InetAddress.getByName(description.addressOf(audio).orElseThrow()), audio.port());
    }

    /** Sends {@code frames} 20 ms PCMU frames of a 1 kHz tone to {@code to}, paced in real time. */
    void talk(InetSocketAddress to, int frames) throws Exception {
        int ssrc = user.hashCode();
        short[] pcm = new short[FRAME];
        byte[] encoded = new byte[FRAME];
        long next = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            for (int s = 0; s < FRAME; s++) {
                // 1 kHz at 8 kHz sampling: a full cycle every 8 samples, about -6 dBFS.
                pcm[s] = (short) (16000 * Math.sin(2 * Math.PI * ((i * FRAME + s) % 8) / 8.0));
            }
            G711.PCMU.encode(pcm, 0, encoded, 0, FRAME);
            ByteBuffer packet = ByteBuffer.allocate(12 + FRAME);
            RtpPacketWriter.writeHeader(packet, i == 0, 0, 1000 + i, 8000L + (long) i * FRAME, ssrc);
            packet.put(encoded).flip();
            rtp.send(packet, to);
            next += 20_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }

    /** One RTP packet received: its source and payload. */
    record Packet(InetSocketAddress from, int payloadType, byte[] payload) {

        /** RMS of the decoded PCMU payload: about 0 for silence, thousands for the tone. */
        double level() {
            short[] pcm = new short[payload.length];
            G711.PCMU.decode(payload, 0, pcm, 0, payload.length);
            double sum = 0;
            for (short sample : pcm) {
                sum += (double) sample * sample;
            }
            return Math.sqrt(sum / Math.max(1, pcm.length));
        }
    }

    /** Every RTP packet that arrived so far. */
    List<Packet> drain() throws IOException {
        List<Packet> packets = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        SocketAddress from;
        while ((from = rtp.receive(buffer)) != null) {
            buffer.flip();
            if (buffer.remaining() > 12) {
                int payloadType = buffer.get(1) & 0x7F;
                byte[] payload = new byte[buffer.remaining() - 12];
                buffer.position(12);
                buffer.get(payload);
                packets.add(new Packet((InetSocketAddress) from, payloadType, payload));
            }
            buffer.clear();
        }
        return packets;
    }

    // ---- SIP listener ---------------------------------------------------------------------------------------

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        try {
            switch (request.getMethod()) {
                case Request.INVITE -> {
                    ServerTransaction transaction = event.getServerTransaction() != null
                            ? event.getServerTransaction() : provider.getNewServerTransaction(request);
                    IncomingCall call = new IncomingCall(request, transaction);
                    incomingByCallId.put(callId, call);
                    incoming.add(call);
                }
                case Request.ACK -> {
                    IncomingCall call = incomingByCallId.get(callId);
                    if (call != null) {
                        call.received.add(Request.ACK);
                    }
                }
                case Request.CANCEL -> {
                    ServerTransaction transaction = event.getServerTransaction() != null
                            ? event.getServerTransaction() : provider.getNewServerTransaction(request);
                    IncomingCall call = incomingByCallId.get(callId);
                    if (call != null) {
                        call.received.add(Request.CANCEL);
                        if (call.answerWhenCancelled) {
                            call.answer();
                        } else if (!call.silentWhenCancelled) {
                            call.reject(Response.REQUEST_TERMINATED);
                        }
                    }
                    transaction.sendResponse(messages.createResponse(Response.OK, request));
                }
                case Request.BYE -> {
                    ServerTransaction transaction = event.getServerTransaction() != null
                            ? event.getServerTransaction() : provider.getNewServerTransaction(request);
                    IncomingCall call = incomingByCallId.get(callId);
                    if (call != null) {
                        call.received.add(Request.BYE);
                    }
                    OutgoingCall outgoing = outgoingByCallId.get(callId);
                    if (outgoing != null) {
                        outgoing.byesReceived.add(request);
                    }
                    transaction.sendResponse(messages.createResponse(Response.OK, request));
                }
                default -> {
                    ServerTransaction transaction = provider.getNewServerTransaction(request);
                    transaction.sendResponse(messages.createResponse(Response.METHOD_NOT_ALLOWED, request));
                }
            }
        } catch (Exception e) {
            // Thrown into the stack it would only be logged there; the test's failure message shows it instead.
            errors.add(request.getMethod() + ": " + e);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
        if (Request.REGISTER.equals(cseq.getMethod())) {
            if (response.getStatusCode() >= 200) {
                registerResponses.add(response);
            }
            return;
        }
        OutgoingCall outgoing = outgoingByCallId.get(callId);
        if (outgoing != null) {
            if (Request.INVITE.equals(cseq.getMethod())) {
                if (event.getDialog() != null && response.getStatusCode() < 300) {
                    outgoing.dialog = event.getDialog();
                }
                outgoing.inviteResponses.add(response);
            } else {
                outgoing.otherResponses.add(response);
            }
        } else if (Request.BYE.equals(cseq.getMethod())) {
            incomingByeResponses.add(response);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }

    @Override
    public void close() throws IOException {
        stack.stop();
        rtp.close();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private List<ViaHeader> via() throws Exception {
        List<ViaHeader> via = new ArrayList<>();
        via.add(headers.createViaHeader("127.0.0.1", sipPort, "udp", null));
        return via;
    }

    private javax.sip.header.ContactHeader contact() throws Exception {
        return headers.createContactHeader(addresses.createAddress("sip:" + user + "@127.0.0.1:" + sipPort));
    }

    /** A pre-loaded route to Parley, since the tenant's domain resolves nowhere (RFC 3261 §8.1.2). */
    private javax.sip.header.RouteHeader route() throws Exception {
        SipURI route = addresses.createSipURI(null, "127.0.0.1");
        route.setPort(parleyPort);
        route.setLrParam();
        return headers.createRouteHeader(addresses.createAddress(route));
    }

    /** Answers a 401 or 407 as a phone does (RFC 7616 §3.4, qop=auth), with the MD5 challenge. */
    private void authorize(Request request, Response challenge, String challengeHeader, String credentialsHeader,
                           String withPassword) throws Exception {
        String offer = values(challenge, challengeHeader).stream()
                .filter(value -> value.contains("algorithm=MD5,")).findFirst()
                .orElseThrow(() -> new AssertionError("no MD5 challenge in " + challenge));
        DigestCredentials parsed = DigestCredentials.parse(offer).orElseThrow();
        String uri = request.getRequestURI().toString();
        String nc = "00000001";
        String cnonce = Long.toHexString(System.nanoTime());
        String digest = DigestResponse.compute(Ha1.of(DigestAlgorithm.MD5, user, parsed.realm(), withPassword),
                parsed.nonce(), nc, cnonce, "auth", request.getMethod(), uri);
        request.addHeader(headers.createHeader(credentialsHeader, "Digest username=\"" + user + "\", realm=\""
                + parsed.realm() + "\", nonce=\"" + parsed.nonce() + "\", uri=\"" + uri + "\", response=\"" + digest
                + "\", algorithm=MD5, qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\""));
    }

    static List<String> values(Message message, String name) {
        List<String> values = new ArrayList<>();
        ListIterator<?> iterator = message.getHeaders(name);
        while (iterator.hasNext()) {
            String text = iterator.next().toString();
            values.add(text.substring(text.indexOf(':') + 1).trim());
        }
        return values;
    }

    private static String tag() {
        return Long.toHexString(UUID.randomUUID().getLeastSignificantBits());
    }

    /** Polls the condition until it holds or {@link #PATIENCE} runs out; a failed wait names what it waited for. */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
