package org.parley.media.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.parley.media.codec.AudioCodec;
import org.parley.media.codec.cn.ComfortNoise;
import org.parley.media.codec.dtmf.TelephoneEvent;
import org.parley.media.codec.dtmf.TelephoneEventReceiver;
import org.parley.media.codec.dtmf.TelephoneEventSender;
import org.parley.media.control.DigitCollection;
import org.parley.media.control.Endpoint;
import org.parley.media.control.EndpointId;
import org.parley.media.control.MediaDirection;
import org.parley.media.control.MediaEvent;
import org.parley.media.control.MediaListener;
import org.parley.media.control.PlayRequest;
import org.parley.media.control.RecordingRequest;
import org.parley.media.control.StreamStats;
import org.parley.media.control.ToneKind;
import org.parley.media.pipeline.AudioFormat;
import org.parley.media.pipeline.DigitRelay;
import org.parley.media.pipeline.DigitCollector;
import org.parley.media.pipeline.DtmfDetector;
import org.parley.media.pipeline.Player;
import org.parley.media.pipeline.ToneGenerator;
import org.parley.media.pipeline.WavRecorder;
import org.parley.media.rtp.EModel;
import org.parley.media.rtp.Packetizer;
import org.parley.media.rtp.ReceptionStatistics;
import org.parley.media.rtp.RtpPacket;
import org.parley.media.rtp.RtpPacketWriter;
import org.parley.media.rtp.jitter.JitterBuffer;
import org.parley.media.rtp.rtcp.ReportBlock;
import org.parley.media.rtp.rtcp.RtcpReader;
import org.parley.media.rtp.rtcp.RtcpWriter;
import org.parley.media.sdp.NegotiatedStream;
import org.parley.media.sdp.OfferAnswer;
import org.parley.media.sdp.SdpException;

/**
 * One RTP endpoint: a UDP port pair, its negotiated stream, and the per-call pipeline (jitter buffer, DTMF
 * detection, player, recorder, digit collection).
 *
 * <p>Each endpoint has its own lock, taken by the receive thread to file a packet, by the media clock to run a
 * tick, and by control calls; no lock is shared between calls. Control calls only change state; the tick acts on it.
 *
 * <p>Symmetric RTP: we send to the address the peer signalled until its first packet arrives from the same IP
 * address, or from one call control allowed with {@link #allowLatchFrom} (the leg's SIP source, for a phone behind
 * NAT), and from then on to the exact address and port that packet came from (the peer's NAT mapping). Packets
 * from any other source are dropped, so a stranger who guesses the port cannot take the stream over (the
 * "RTP Bleed" attack).
 */
final class RtpEndpoint implements Endpoint, MediaClock.Task {

    private static final int FRAME = AudioFormat.FRAME_SAMPLES;
    /** RFC 4733 telephone-events we send are at -10 dBm0 equivalent; in-band DTMF likewise, per tone. */
    private static final double INBAND_DTMF_LEVEL_DBM0 = -10;
    /** The most audio one packet may carry, in 8 kHz samples (80 ms; the jitter buffer's largest packet). */
    private static final int MAX_PACKET_SAMPLES = 640;
    /** Room for any RTP payload that fits an Ethernet frame: Opus packets may be larger than their G.711 peers. */
    private static final int MAX_PAYLOAD = 1500;
    /** RFC 4733 events waiting behind the one being sent; more are dropped (a far leg on hold sends nothing). */
    private static final int MAX_QUEUED_EVENTS = 16;
    /**
     * While a leg has nothing to hear, one packet this often keeps the peer's RTP inactivity timer and its NAT binding
     * alive (RFC 6263): a CN packet where comfort noise was negotiated, else a packet of silence.
     */
    static final Duration SILENCE_KEEP_ALIVE = Duration.ofSeconds(1);

    private final EndpointId id = EndpointId.random();
    private final RtpMediaServer server;
    private final MediaListener listener;
    private final PortPool.Pair ports;
    private final OfferAnswer offerAnswer;
    private final Object lock = new Object();
    private final MediaClock.Registration registration;

    private NegotiatedStream stream;
    private MediaDirection wish = MediaDirection.SENDRECV;
    private MediaDirection active = MediaDirection.INACTIVE;
    private String localDescription;
    private InetSocketAddress signalled;
    private InetSocketAddress latched;
    /** Addresses besides the signalled one whose packets may latch: the peer's SIP source. */
    private Set<InetAddress> latchSources = Set.of();

    private final RtpPacket packet = new RtpPacket();
    private final ReceptionStatistics reception = new ReceptionStatistics(AudioFormat.SAMPLE_RATE);
    private final JitterBuffer jitter = new JitterBuffer();
    private final TelephoneEventReceiver telephoneEvents = new TelephoneEventReceiver();
    private final DigitRelay digitRelay = new DigitRelay();
    private final byte[] payload = new byte[MAX_PAYLOAD];
    private final short[] decoded = new short[MAX_PACKET_SAMPLES];
    private AudioCodec codec;
    private String codecParameters;
    private AudioCodec.Encoder encoder;
    private AudioCodec.Decoder decoder;
    /** RTP timestamp units per 8 kHz sample of the negotiated codec: 1, or 6 for Opus. */
    private int clockRatio = 1;
    /** The incoming RTP timestamp and its 8 kHz equivalent that later ones are measured from (see #internalTimestamp). */
    private long rtpBase;
    private long internalBase;
    /** The next packet's timestamp starts the mapping afresh (first packet, new source, new codec clock). */
    private boolean rebaseTimestamps = true;
    private long lastArrivalNanos;
    private boolean timeoutReported;
    private long foreignPackets;
    private long invalidPackets;
    private long rtcpReceived;
    private long bytesReceived;

    private final short[] in = new short[FRAME];
    private final short[] out = new short[FRAME];
    private final short[] mono = new short[FRAME];
    private final DtmfDetector inband = new DtmfDetector();
    private Player player;
    private long playGeneration;
    private ToneGenerator dtmfTone;
    private int dtmfToneSamples;
    private TelephoneEventSender eventSender;
    /** Events to send after the current one, each whole: a new digit never cuts one short of its end packets. */
    private final ArrayDeque<TelephoneEventSender> queuedEvents = new ArrayDeque<>();
    private long eventTimestamp;
    /** This tick's inbound frame came from the peer's stream (it has begun), rather than being silence we made up. */
    private boolean heard;
    /** This tick's outbound frame has something to hear: a prompt, a tone, or a member of our bridge who was heard. */
    private boolean audible;
    /** The last packet sent was audio someone could hear (so falling silent now begins a silence period). */
    private boolean talking;
    /** A keep-alive packet of silence is on its way through the packetizer. */
    private boolean keepAliveDue;
    private long lastSentNanos;
    private DigitCollector collector;
    private WavRecorder recorder;
    private boolean recorderStereo;
    /** Recordings whose outcome is still to be reported here (ours and bridge ones naming us); closing waits for them. */
    private int recordingsPending;
    /** {@link MediaEvent.EndpointClosed} went out, so nothing more may. */
    private boolean closeReported;

    private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(RtpPacket.FIXED_HEADER_LENGTH + MAX_PAYLOAD);
    private final byte[] encoded = new byte[MAX_PAYLOAD];
    private final long ssrc = ThreadLocalRandom.current().nextLong(1L << 32);
    private final Packetizer outbound = new Packetizer(ThreadLocalRandom.current().nextInt(1 << 16),
        ThreadLocalRandom.current().nextLong(1L << 32));
    private long packetsSent;
    private long bytesSent;

    private final ByteBuffer rtcpBuffer = ByteBuffer.allocateDirect(256);
    private final String cname;
    private final int reportIntervalTicks;
    private int ticksToReport;
    private long packetsSentAtLastReport;
    private long rtcpSent;
    private InetSocketAddress rtcpLatched;
    private long lastSrMiddle;
    private long lastSrArrivalNanos;
    private double roundTripMillis;

    private volatile MixingBridge bridge;
    private volatile boolean closed;

    RtpEndpoint(RtpMediaServer server, MediaListener listener, PortPool.Pair ports) {
        this.server = server;
        this.listener = listener;
        this.ports = ports;
        this.offerAnswer = new OfferAnswer(server.config().advertisedAddress(), ports.rtpPort(),
            server.config().codecs(), server.clock().millis());
        this.localDescription = offerAnswer.offer(wish);
        this.cname = "parley@" + server.config().advertisedAddress();
        this.reportIntervalTicks = (int) Math.max(2, server.config().rtcpInterval().toMillis() / AudioFormat.FRAME_MILLIS);
        this.ticksToReport = nextReportInterval();
        server.receiveLoop().register(ports.rtp(), this::onRtp);
        server.receiveLoop().register(ports.rtcp(), this::onRtcp);
        this.registration = server.mediaClock().register(this);
    }

    @Override
    public EndpointId id() {
        return id;
    }

    int rtpPort() {
        return ports.rtpPort();
    }

    @Override
    public String localDescription() {
        synchronized (lock) {
            return localDescription;
        }
    }

    @Override
    public String answer(String remoteOffer) throws SdpException {
        synchronized (lock) {
            ensureOpen();
            OfferAnswer.Answer answer = offerAnswer.answer(remoteOffer, wish);
            apply(answer.stream());
            localDescription = answer.sdp();
            return localDescription;
        }
    }

    @Override
    public boolean canAnswer(String remoteOffer) {
        return offerAnswer.canAnswer(remoteOffer);
    }

    @Override
    public void acceptAnswer(String remoteAnswer) throws SdpException {
        synchronized (lock) {
            ensureOpen();
            apply(offerAnswer.acceptAnswer(remoteAnswer));
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("endpoint " + id + " is closed");
        }
    }

    private void apply(NegotiatedStream negotiated) {
        InetSocketAddress target = negotiated.remoteAddress().equals("0.0.0.0") || negotiated.remotePort() == 0
            ? null : new InetSocketAddress(negotiated.remoteAddress(), negotiated.remotePort());
        if (target == null || signalled == null || !target.getAddress().equals(signalled.getAddress())) {
            latched = null;
        }
        signalled = target;
        stream = negotiated;
        if (negotiated.codec() != codec || !negotiated.codecParameters().equals(codecParameters)) {
            // Codec state belongs to one codec and one peer's settings; G.711 has none, Opus a great deal.
            codec = negotiated.codec();
            codecParameters = negotiated.codecParameters();
            encoder = codec.newEncoder(codecParameters);
            decoder = codec.newDecoder();
            if (codec.clockRatio() != clockRatio) {
                // Another RTP clock: the peer's timestamps start a new timeline for the jitter buffer.
                clockRatio = codec.clockRatio();
                rebaseTimestamps = true;
                jitter.restart();
            }
        }
        outbound.configure(negotiated.packetMillis(), clockRatio);
        active = negotiated.direction();
        lastArrivalNanos = server.nanoTime();
        lastSentNanos = lastArrivalNanos;
        timeoutReported = false;
    }

    @Override
    public void allowLatchFrom(InetAddress... sources) {
        Set<InetAddress> allowed = Set.copyOf(java.util.Arrays.asList(sources));
        synchronized (lock) {
            latchSources = allowed;
        }
    }

    /** Under the lock: whether a packet from this address may set (or, for RTCP, be) the peer's address. */
    private boolean fromPeer(InetAddress source) {
        return signalled != null && (source.equals(signalled.getAddress()) || latchSources.contains(source));
    }

    @Override
    public void direction(MediaDirection direction) {
        synchronized (lock) {
            wish = direction;
            localDescription = offerAnswer.offer(direction);
            // Until the peer answers, do no more than both the old agreement and the new wish allow.
            active = MediaDirection.of(active.sends() && direction.sends(), active.receives() && direction.receives());
        }
    }

    @Override
    public MediaDirection direction() {
        synchronized (lock) {
            return wish;
        }
    }

    @Override
    public void play(PlayRequest request) {
        long generation;
        synchronized (lock) {
            generation = ++playGeneration;
        }
        // Prompt files are read on the I/O executor: never on the caller's (SLEE) thread or the media clock.
        server.io().execute(() -> {
            List<Player.Source> sources;
            try {
                sources = load(request);
            } catch (IOException e) {
                String why = e instanceof java.nio.file.NoSuchFileException ? "no such prompt file " + e.getMessage()
                    : e.getMessage();
                synchronized (lock) {
                    emit(new MediaEvent.Error(id, server.clock().instant(), "cannot play: " + why));
                    emit(new MediaEvent.PlayCompleted(id, server.clock().instant(), true));
                }
                return;
            }
            synchronized (lock) {
                if (generation != playGeneration || closed) {
                    return;
                }
                endPlayer(true);
                player = new Player(sources, request.loop());
            }
        });
    }

    private List<Player.Source> load(PlayRequest request) throws IOException {
        List<Player.Source> sources = new ArrayList<>();
        for (PlayRequest.Item item : request.items()) {
            if (item instanceof PlayRequest.Prompt p) {
                sources.add(Player.samples(server.prompts().load(p.file())));
            } else if (item instanceof PlayRequest.Tone t) {
                sources.add(Player.tone(() -> tone(t.kind()), samples(t.duration())));
            } else if (item instanceof PlayRequest.Silence s) {
                sources.add(Player.silence(samples(s.duration())));
            } else if (item instanceof PlayRequest.Dtmf d) {
                for (char c : d.digits().toCharArray()) {
                    sources.add(Player.tone(() -> ToneGenerator.dtmf(c, INBAND_DTMF_LEVEL_DBM0),
                        samples(d.toneLength())));
                    sources.add(Player.silence(samples(d.toneLength())));
                }
            }
        }
        return sources;
    }

    private static ToneGenerator tone(ToneKind kind) {
        return switch (kind) {
            case RINGBACK -> ToneGenerator.ringback();
            case BUSY -> ToneGenerator.busy();
            case BEEP -> ToneGenerator.beep();
        };
    }

    private static int samples(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis() * AudioFormat.SAMPLE_RATE / 1000);
    }

    @Override
    public void stopPlaying() {
        synchronized (lock) {
            playGeneration++;
            endPlayer(true);
        }
    }

    private void endPlayer(boolean stopped) {
        if (player != null) {
            player = null;
            emit(new MediaEvent.PlayCompleted(id, server.clock().instant(), stopped));
        }
    }

    @Override
    public void record(RecordingRequest request) {
        synchronized (lock) {
            ensureOpen();
            stopRecordingLocked();
            recorderStereo = request.layout() == RecordingRequest.Layout.STEREO_SPLIT;
            recorder = new WavRecorder(request.file(), recorderStereo ? 2 : 1,
                server.config().recordingQueueFrames(), server.io(), recordingListener(this));
        }
    }

    /**
     * Turns a new recorder's outcome into events of {@code reportTo}, which counts it as pending until then. The
     * recorder tells its outcome exactly once, after it is closed or fails.
     */
    WavRecorder.Listener recordingListener(RtpEndpoint reportTo) {
        synchronized (reportTo.lock) {
            reportTo.recordingsPending++;
        }
        return new WavRecorder.Listener() {
            @Override
            public void completed(java.nio.file.Path path, Duration duration, long sizeBytes, String sha256) {
                reportTo.recordingEnded(new MediaEvent.RecordingCompleted(reportTo.id, server.clock().instant(), path,
                    duration, sizeBytes, sha256));
            }

            @Override
            public void failed(java.nio.file.Path path, String reason) {
                reportTo.recordingEnded(new MediaEvent.RecordingFailed(reportTo.id, server.clock().instant(), path,
                    reason));
            }
        };
    }

    private void recordingEnded(MediaEvent outcome) {
        synchronized (lock) {
            emit(outcome);
            recordingsPending--;
            if (closed) {
                reportClosedWhenDone();
            }
        }
    }

    /** Under the lock, once closed: the last event goes out when no recording has an outcome left to report. */
    private void reportClosedWhenDone() {
        if (!closeReported && recordingsPending == 0) {
            emit(new MediaEvent.EndpointClosed(id, server.clock().instant()));
            closeReported = true;
        }
    }

    @Override
    public void stopRecording() {
        synchronized (lock) {
            stopRecordingLocked();
        }
    }

    private void stopRecordingLocked() {
        if (recorder != null) {
            recorder.close();
            recorder = null;
        }
    }

    @Override
    public void collectDigits(DigitCollection collection) {
        synchronized (lock) {
            cancelCollection();
            collector = new DigitCollector(collection, server.clock().instant());
        }
    }

    private void cancelCollection() {
        if (collector != null) {
            collector.cancel().ifPresent(this::emitCollected);
            collector = null;
        }
    }

    @Override
    public void sendDtmf(char digit, Duration duration) {
        // Exact to the timestamp unit (125 µs at 8 kHz), so a relayed event keeps the sender's duration.
        int units = (int) Math.min(Integer.MAX_VALUE, duration.toNanos() * AudioFormat.SAMPLE_RATE / 1_000_000_000L);
        TelephoneEvent.eventOf(digit);
        synchronized (lock) {
            if (stream != null && stream.telephoneEventPayloadType().isPresent()) {
                // Events count on the audio's clock (RFC 4733 section 2.1): 48 kHz beside Opus.
                if (queuedEvents.size() < MAX_QUEUED_EVENTS) {
                    queuedEvents.add(new TelephoneEventSender(digit,
                        Math.max(FRAME * clockRatio, Math.min(0xFFFF, units * clockRatio)), FRAME * clockRatio));
                }
            } else {
                dtmfTone = ToneGenerator.dtmf(digit, INBAND_DTMF_LEVEL_DBM0);
                dtmfToneSamples = units;
            }
        }
    }

    @Override
    public StreamStats stats() {
        synchronized (lock) {
            long lost = reception.packetsLost();
            long received = reception.packetsReceived();
            double lossFraction = received + lost == 0 ? 0 : (double) lost / (received + lost);
            double jitterMs = reception.jitterMillis();
            return new StreamStats(packetsSent, bytesSent, received, bytesReceived,
                lost, jitter.late(), reception.duplicates() + jitter.duplicates(), jitterMs, rtcpSent, rtcpReceived,
                EModel.mos(lossFraction, jitterMs, roundTripMillis));
        }
    }

    /** Packets from the peer that were not valid RTP or not in a negotiated format. */
    long invalidPackets() {
        synchronized (lock) {
            return invalidPackets;
        }
    }

    /** Packets dropped because they came from none of the signalled, allowed or latched addresses. */
    long foreignPackets() {
        synchronized (lock) {
            return foreignPackets;
        }
    }

    @Override
    public void close() {
        MixingBridge b;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            b = bridge;
        }
        if (b != null) {
            b.leave(this);
        }
        registration.cancel();
        synchronized (lock) {
            stopRecordingLocked();
            cancelCollection();
            endPlayer(true);
            reportClosedWhenDone();
        }
        PortPool.closeQuietly(ports.rtp());
        PortPool.closeQuietly(ports.rtcp());
        server.released(this);
    }

    boolean isClosed() {
        return closed;
    }

    // ---- bridge membership (called by MixingBridge under its own lock, never while holding ours)

    void joined(MixingBridge b) {
        synchronized (lock) {
            bridge = b;
        }
    }

    void left(MixingBridge b) {
        synchronized (lock) {
            if (bridge == b) {
                bridge = null;
            }
        }
    }

    MixingBridge bridge() {
        return bridge;
    }

    // ---- the media clock

    @Override
    public void tick() {
        if (bridge != null || closed) {
            return;
        }
        synchronized (lock) {
            pullInbound();
            produceOutbound(null, false);
            send();
            recordSelf();
            checkTimers();
        }
    }

    /** First half of a bridged tick: this tick's received audio, valid until the next tick. */
    short[] bridgeInbound() {
        synchronized (lock) {
            pullInbound();
            return in;
        }
    }

    /** Whether this tick's inbound frame (from {@link #bridgeInbound}) came from the peer; same thread only. */
    boolean heardThisTick() {
        return heard;
    }

    /**
     * Second half of a bridged tick: send what the bridge mixed for us (unless a prompt plays).
     *
     * @param othersHeard whether any other member of the bridge was heard this tick: if none was, the mix is
     *     silence nobody made, and nothing is sent for it (see {@link #send})
     */
    void bridgeOutbound(short[] mixed, boolean othersHeard) {
        synchronized (lock) {
            // The bridge's tick may still hold a member that closed meanwhile.
            if (closed) {
                return;
            }
            produceOutbound(mixed, othersHeard);
            send();
            recordSelf();
            checkTimers();
        }
    }

    private void pullInbound() {
        heard = false;
        if (stream == null || !active.receives()) {
            java.util.Arrays.fill(in, (short) 0);
            return;
        }
        // Until the peer's first packet there is no audio to listen to (a leg ringing, a phone that sends nothing):
        // the detector is spared frames of silence it could only reject.
        heard = jitter.read(in);
        if (heard && stream.telephoneEventPayloadType().isEmpty()) {
            char d = inband.process(in, 0, FRAME);
            if (d != DtmfDetector.NO_DIGIT) {
                digit(d, MediaEvent.DigitSource.IN_BAND);
            }
        }
    }

    private void produceOutbound(short[] mixed, boolean othersHeard) {
        audible = player != null || dtmfTone != null || (mixed != null && othersHeard);
        if (player != null) {
            if (!player.next(out)) {
                endPlayer(false);
            }
        } else if (mixed != null) {
            System.arraycopy(mixed, 0, out, 0, FRAME);
        } else {
            java.util.Arrays.fill(out, (short) 0);
        }
        if (dtmfTone != null) {
            int n = Math.min(FRAME, dtmfToneSamples);
            dtmfTone.fill(out, 0, n);
            dtmfToneSamples -= n;
            if (dtmfToneSamples == 0) {
                dtmfTone = null;
            }
        }
    }

    private void send() {
        InetSocketAddress target = latched != null ? latched : signalled;
        if (stream == null || !active.sends() || target == null) {
            // The RTP clock keeps running while silent (RFC 3550 section 5.1), and the next packet starts a talkspurt.
            outbound.skip(FRAME, true);
            return;
        }
        if (eventSender == null && !queuedEvents.isEmpty()) {
            // RFC 4733 §2.3.1: an event's timestamp is the instant it starts, on this stream's own RTP clock.
            eventSender = queuedEvents.poll();
            eventTimestamp = outbound.timestamp();
        }
        if (eventSender != null) {
            // RFC 4733 section 2.5.1.2: while an event is sent, it replaces the audio of its duration.
            sendBuffer.clear();
            boolean first = eventSender.markerNext();
            RtpPacketWriter.writeHeader(sendBuffer, first, stream.telephoneEventPayloadType().getAsInt(),
                outbound.nextSequence(), eventTimestamp, ssrc);
            eventSender.next().encode(sendBuffer);
            if (eventSender.finished()) {
                eventSender = null;
            }
            outbound.skip(FRAME, false);
            transmit(target);
            return;
        }
        if (!audible && !keepAliveDue && !keepAlive(target)) {
            return;
        }
        talking = audible;
        outbound.add(out, 0, FRAME);
        while (outbound.ready()) {
            int length = encoder.encode(outbound.samples(), 0, outbound.packetSamples(), encoded, 0, MAX_PAYLOAD);
            if (length <= 0) {
                // The encoder refused this packet; its time passes in silence rather than stopping the stream.
                outbound.dropped();
                continue;
            }
            sendBuffer.clear();
            RtpPacketWriter.writeHeader(sendBuffer, outbound.marker(), stream.payloadType(), outbound.sequence(),
                outbound.timestamp(), ssrc);
            sendBuffer.put(encoded, 0, length);
            outbound.sent();
            transmit(target);
            keepAliveDue = false;
        }
    }

    /**
     * A tick with nothing to hear (no prompt or tone, and nobody in our bridge has sent us anything: a leg still
     * ringing, a peer that sends nothing) sends nothing, as a relaying media server would have nothing to relay:
     * discontinuous transmission, which RFC 3551 section 4.1 lets any RTP sender do (the timestamp runs on and the next
     * packet carries the marker bit). Where comfort noise was negotiated, a CN packet opens the silence (RFC 3389
     * section 4). And once a {@link #SILENCE_KEEP_ALIVE} passes without a packet, one goes out anyway.
     *
     * @return whether to send this tick's frame of silence after all, as the keep-alive
     */
    private boolean keepAlive(InetSocketAddress target) {
        boolean due = server.nanoTime() - lastSentNanos >= SILENCE_KEEP_ALIVE.toNanos();
        OptionalInt cn = stream.comfortNoisePayloadType();
        if (cn.isPresent()) {
            if (talking || due) {
                sendBuffer.clear();
                RtpPacketWriter.writeHeader(sendBuffer, false, cn.getAsInt(), outbound.nextSequence(),
                    outbound.timestamp(), ssrc);
                sendBuffer.put((byte) ComfortNoise.SILENT_LEVEL);
                transmit(target);
            }
            due = false;
        }
        talking = false;
        if (due) {
            keepAliveDue = true;
            return true;
        }
        outbound.skip(FRAME, true);
        return false;
    }

    private void transmit(InetSocketAddress target) {
        sendBuffer.flip();
        int length = sendBuffer.remaining();
        lastSentNanos = server.nanoTime();
        try {
            // A full socket buffer (send returns 0) or an unreachable peer loses this packet only; the call goes on.
            if (ports.rtp().send(sendBuffer, target) > 0) {
                packetsSent++;
                bytesSent += length - RtpPacket.FIXED_HEADER_LENGTH;
            }
        } catch (IOException e) {
            System.getLogger(RtpEndpoint.class.getName()).log(System.Logger.Level.DEBUG,
                "RTP send to " + target + " failed", e);
        }
    }

    private void recordSelf() {
        if (recorder == null) {
            return;
        }
        if (recorderStereo) {
            recorder.write(in, out);
        } else {
            for (int i = 0; i < FRAME; i++) {
                mono[i] = AudioFormat.clamp(in[i] + out[i]);
            }
            recorder.write(mono, null);
        }
    }

    private void checkTimers() {
        maybeReport();
        if (collector != null) {
            Optional<DigitCollector.Result> r = collector.onTime(server.clock().instant());
            if (r.isPresent()) {
                collector = null;
                emitCollected(r.get());
            }
        }
        if (stream != null && active.receives() && !timeoutReported
            && server.nanoTime() - lastArrivalNanos > server.config().rtpTimeout().toNanos()) {
            timeoutReported = true;
            emit(new MediaEvent.RtpTimeout(id, server.clock().instant(),
                Duration.ofNanos(server.nanoTime() - lastArrivalNanos)));
        }
    }

    // ---- the receive thread

    private void onRtp(ByteBuffer buffer, InetSocketAddress source, long arrivalNanos) {
        synchronized (lock) {
            if (closed || stream == null) {
                return;
            }
            if (latched == null) {
                if (!fromPeer(source.getAddress())) {
                    foreignPackets++;
                    return;
                }
                latched = source;
            } else if (!latched.equals(source)) {
                foreignPackets++;
                return;
            }
            if (!packet.wrap(buffer)) {
                invalidPackets++;
                return;
            }
            lastArrivalNanos = arrivalNanos;
            timeoutReported = false;
            if (!active.receives()) {
                return;
            }
            long timestamp = internalTimestamp(packet.timestamp(), rebaseTimestamps);
            rebaseTimestamps = false;
            ReceptionStatistics.Arrival arrival = reception.onPacket(packet.ssrc(), packet.sequenceNumber(),
                timestamp, arrivalNanos);
            if (arrival == ReceptionStatistics.Arrival.DUPLICATE || arrival == ReceptionStatistics.Arrival.OUT_OF_RANGE) {
                return;
            }
            if (arrival == ReceptionStatistics.Arrival.NEW_SOURCE && reception.sourceChanges() > 0) {
                jitter.restart();
                timestamp = internalTimestamp(packet.timestamp(), true);
            }
            bytesReceived += packet.payloadLength();
            int pt = packet.payloadType();
            if (stream.telephoneEventPayloadType().isPresent() && pt == stream.telephoneEventPayloadType().getAsInt()) {
                if (packet.payloadLength() >= TelephoneEvent.LENGTH) {
                    TelephoneEvent event = TelephoneEvent.decode(buffer, buffer.position() + packet.payloadOffset());
                    TelephoneEventReceiver.Outcome outcome = telephoneEvents.onPacket(packet.timestamp(), event);
                    if (outcome == TelephoneEventReceiver.Outcome.BEGAN && event.isDigit()) {
                        digit(event.digit(), MediaEvent.DigitSource.RFC4733);
                    }
                    relay(digitRelay.onEvent(outcome, event));
                }
                return;
            }
            int n = packet.payloadLength();
            if (stream.comfortNoisePayloadType().isPresent() && pt == stream.comfortNoisePayloadType().getAsInt()
                && n >= 1) {
                // RFC 3389: the peer falls silent and says how loud its background is; it is not losing packets.
                int level = ComfortNoise.levelOf(buffer.get(buffer.position() + packet.payloadOffset()));
                jitter.putComfortNoise(timestamp, ComfortNoise.rmsOf(level));
                return;
            }
            if (pt != stream.payloadType() || n == 0 || n > MAX_PAYLOAD) {
                invalidPackets++;
                return;
            }
            relay(digitRelay.onAudio());
            packet.copyPayload(payload, 0);
            int samples = decoder.decode(payload, 0, n, decoded, 0, MAX_PACKET_SAMPLES);
            if (samples <= 0 || samples % 80 != 0) {
                invalidPackets++;
                return;
            }
            jitter.put(timestamp, decoded, 0, samples);
        }
    }

    /**
     * The jitter buffer counts 8 kHz samples; a codec with a faster RTP clock (Opus's 48 kHz) has its timestamps
     * divided down. Differences are taken on the 32-bit wire values, so the wrap of the RTP timestamp (every 25
     * hours at 48 kHz) stays seamless; the base moves on before a difference could overflow.
     */
    private long internalTimestamp(long rtpTimestamp, boolean newSource) {
        if (clockRatio == 1) {
            return rtpTimestamp;
        }
        if (newSource) {
            rtpBase = rtpTimestamp;
            internalBase = rtpTimestamp / clockRatio;
        }
        int delta = (int) (rtpTimestamp - rtpBase);
        long internal = (internalBase + delta / clockRatio) & 0xFFFFFFFFL;
        if (Math.abs(delta) > 1 << 30) {
            rtpBase = rtpTimestamp;
            internalBase = internal;
        }
        return internal;
    }

    private void onRtcp(ByteBuffer buffer, InetSocketAddress source, long arrivalNanos) {
        synchronized (lock) {
            if (closed || !fromPeer(source.getAddress())) {
                return;
            }
            RtcpReader.Compound report = RtcpReader.read(buffer);
            if (report == null) {
                return;
            }
            // Symmetric RTCP: reports go back where the peer's come from, as for RTP.
            rtcpLatched = source;
            rtcpReceived++;
            if (report.senderReport()) {
                lastSrMiddle = RtcpWriter.middle(report.ntpTimestamp());
                lastSrArrivalNanos = arrivalNanos;
            }
            for (ReportBlock block : report.blocks()) {
                if (block.ssrc() == ssrc && block.lastSenderReport() != 0) {
                    // RFC 3550 section 6.4.1: round trip = arrival - LSR - DLSR, all in 1/65536 s.
                    long now = RtcpWriter.middle(ntpNow());
                    long rtt = (now - block.lastSenderReport() - block.delaySinceLastSenderReport()) & 0xFFFFFFFFL;
                    if (rtt < 10 * 65536) {
                        roundTripMillis = rtt * 1000.0 / 65536;
                    }
                }
            }
        }
    }

    private void maybeReport() {
        if (--ticksToReport > 0) {
            return;
        }
        ticksToReport = nextReportInterval();
        InetSocketAddress rtp = latched != null ? latched : signalled;
        if (stream == null || rtp == null || !active.sends() && !active.receives()) {
            return;
        }
        InetSocketAddress target = rtcpLatched != null ? rtcpLatched
            : new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
        ReportBlock block = null;
        if (reception.packetsReceived() > 0) {
            long dlsr = lastSrMiddle == 0 ? 0 : (server.nanoTime() - lastSrArrivalNanos) * 65536 / 1_000_000_000L;
            block = reception.reportBlock(lastSrMiddle, dlsr);
            if (clockRatio != 1) {
                // Jitter is kept in 8 kHz units; the report gives it in the stream's own timestamp units.
                block = new ReportBlock(block.ssrc(), block.fractionLost(), block.cumulativeLost(),
                    block.extendedHighestSequence(), block.jitter() * clockRatio, block.lastSenderReport(),
                    block.delaySinceLastSenderReport());
            }
        }
        rtcpBuffer.clear();
        if (packetsSent > packetsSentAtLastReport) {
            RtcpWriter.writeSenderReport(rtcpBuffer, ssrc, ntpNow(), outbound.now(), packetsSent, bytesSent, block);
        } else {
            RtcpWriter.writeReceiverReport(rtcpBuffer, ssrc, block);
        }
        packetsSentAtLastReport = packetsSent;
        RtcpWriter.writeSdesCname(rtcpBuffer, ssrc, cname);
        rtcpBuffer.flip();
        try {
            if (ports.rtcp().send(rtcpBuffer, target) > 0) {
                rtcpSent++;
            }
        } catch (IOException e) {
            System.getLogger(RtpEndpoint.class.getName()).log(System.Logger.Level.DEBUG,
                "RTCP send to " + target + " failed", e);
        }
    }

    private long ntpNow() {
        java.time.Instant now = server.clock().instant();
        return RtcpWriter.ntpTimestamp(now.getEpochSecond(), now.getNano());
    }

    /** RFC 3550 section 6.3.1: each interval is randomised to 0.5-1.5 times the nominal one, so peers do not synchronise. */
    private int nextReportInterval() {
        return reportIntervalTicks / 2 + ThreadLocalRandom.current().nextInt(reportIntervalTicks);
    }

    private void digit(char d, MediaEvent.DigitSource source) {
        emit(new MediaEvent.DigitReceived(id, server.clock().instant(), d, source));
        if (collector != null) {
            Optional<DigitCollector.Result> r = collector.onDigit(d, server.clock().instant());
            if (r.isPresent()) {
                collector = null;
                emitCollected(r.get());
            }
        }
    }

    /**
     * In-band digits reach the other legs through the mix; RFC 4733 ones are re-sent as events once they end, for
     * as long as the sender held them ({@link DigitRelay}).
     */
    private void relay(List<DigitRelay.Relayed> digits) {
        MixingBridge b = bridge;
        if (b == null || digits.isEmpty()) {
            return;
        }
        // The telephone-event clock is the audio's (RFC 4733 section 2.1): 8 kHz beside G.711, 48 kHz beside Opus.
        long unitsPerSecond = (long) AudioFormat.SAMPLE_RATE * clockRatio;
        server.io().execute(() -> {
            for (DigitRelay.Relayed d : digits) {
                b.relayDigit(this, d.digit(), Duration.ofNanos(d.durationUnits() * 1_000_000_000L / unitsPerSecond));
            }
        });
    }

    private void emitCollected(DigitCollector.Result r) {
        emit(new MediaEvent.DigitsCollected(id, server.clock().instant(), r.digits(), r.end()));
    }

    /** Under the lock, so events reach the event thread in the order they happened. */
    private void emit(MediaEvent event) {
        if (!closeReported) {
            server.deliver(listener, event);
        }
    }
}
