package org.parley.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.parley.media.codec.AudioCodec;
import org.parley.media.codec.cn.ComfortNoise;
import org.parley.media.control.MediaDirection;
import org.parley.media.rtp.Packetizer;

/**
 * The offer/answer model of RFC 3264 for one audio endpoint: builds our offers, answers the peer's, and reads the
 * peer's answer to ours. Keeps the {@code o=} line's session id and version, which must grow by one each time our
 * description changes (RFC 3264 section 8) so re-INVITEs for hold and resume are recognised as changes.
 *
 * <p>Thread-safe (all methods synchronized): an endpoint may be renegotiated while its media flows.
 */
public final class OfferAnswer {

    /** The dynamic payload type we offer for telephone-event; peers may choose another and we follow theirs. */
    public static final int TELEPHONE_EVENT_PAYLOAD_TYPE = 101;
    /**
     * The one we offer for telephone-event at 48 kHz, beside Opus: RFC 4733 section 2.1 wants events on the clock of
     * the audio they interrupt.
     */
    public static final int TELEPHONE_EVENT_48K_PAYLOAD_TYPE = 110;
    /** RFC 4733 section 2.4.1: DTMF digits 0-15 and flash (16). */
    static final String TELEPHONE_EVENTS = "0-16";
    private static final String PROTOCOL = "RTP/AVP";
    private static final int PTIME = 20;

    private final String address;
    private final int port;
    private final List<AudioCodec> codecs;
    private final long sessionId;
    private long version;
    private String lastBody;
    private SessionDescription lastOffer;

    /**
     * @param address the address peers send RTP to (the advertised one behind NAT)
     * @param port our RTP port
     * @param codecs the codecs we accept, most preferred first
     * @param sessionId the {@code o=} session id, unique per endpoint (e.g. from the clock)
     */
    public OfferAnswer(String address, int port, List<? extends AudioCodec> codecs, long sessionId) {
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("at least one codec");
        }
        this.address = address;
        this.port = port;
        this.codecs = List.copyOf(codecs);
        this.sessionId = sessionId;
    }

    /** Builds an offer of all our codecs, comfort noise and telephone-event, in the given direction. */
    public synchronized String offer(MediaDirection direction) {
        List<String> formats = new ArrayList<>();
        List<Attribute> attributes = new ArrayList<>();
        for (AudioCodec c : codecs) {
            formats.add(Integer.toString(c.payloadType()));
            attributes.add(Attribute.of("rtpmap", rtpmap(c.payloadType(), c)));
            c.formatParameters().ifPresent(f -> attributes.add(Attribute.of("fmtp", c.payloadType() + " " + f)));
        }
        if (codecs.stream().anyMatch(c -> c.clockRate() == 8000)) {
            formats.add(Integer.toString(ComfortNoise.PAYLOAD_TYPE));
            attributes.add(Attribute.of("rtpmap", ComfortNoise.PAYLOAD_TYPE + " " + ComfortNoise.ENCODING_NAME
                + "/8000"));
            formats.add(Integer.toString(TELEPHONE_EVENT_PAYLOAD_TYPE));
            attributes.add(Attribute.of("rtpmap", TELEPHONE_EVENT_PAYLOAD_TYPE + " telephone-event/8000"));
            attributes.add(Attribute.of("fmtp", TELEPHONE_EVENT_PAYLOAD_TYPE + " " + TELEPHONE_EVENTS));
        }
        if (codecs.stream().anyMatch(c -> c.clockRate() == 48000)) {
            formats.add(Integer.toString(TELEPHONE_EVENT_48K_PAYLOAD_TYPE));
            attributes.add(Attribute.of("rtpmap", TELEPHONE_EVENT_48K_PAYLOAD_TYPE + " telephone-event/48000"));
            attributes.add(Attribute.of("fmtp", TELEPHONE_EVENT_48K_PAYLOAD_TYPE + " " + TELEPHONE_EVENTS));
        }
        attributes.add(Attribute.of("ptime", Integer.toString(PTIME)));
        attributes.add(Attribute.property(direction.sdpName()));
        MediaDescription audio = new MediaDescription("audio", port, PROTOCOL, formats, Optional.empty(), attributes);
        lastOffer = describe(List.of(audio));
        return lastOffer.toSdp();
    }

    /** The result of answering an offer: the SDP to send back and what was agreed. */
    public record Answer(String sdp, NegotiatedStream stream) {
    }

    /**
     * Answers the peer's offer: accepts its first audio stream that shares a codec with us, rejects the others with
     * port 0 (RFC 3264 section 6), and chooses the first codec in the peer's order that we support.
     *
     * @param wish the direction we want; the answer allows no more than the offer does
     * @throws SdpParseException if the offer is malformed
     * @throws SdpNegotiationException if no audio stream can be accepted
     */
    public synchronized Answer answer(String remoteOffer, MediaDirection wish) throws SdpException {
        SessionDescription offer = SdpParser.parse(remoteOffer);
        List<MediaDescription> answered = new ArrayList<>();
        NegotiatedStream stream = null;
        for (MediaDescription m : offer.media()) {
            Optional<Choice> choice = stream == null && isAudioRtp(m) ? choose(m, m) : Optional.empty();
            if (choice.isEmpty()) {
                answered.add(new MediaDescription(m.media(), 0, m.protocol(), m.formats(), Optional.empty(),
                    List.of()));
                continue;
            }
            Choice c = choice.get();
            MediaDirection offered = effectiveDirection(offer, m);
            MediaDirection ours = wish.answerTo(offered);
            List<String> formats = new ArrayList<>();
            List<Attribute> attributes = new ArrayList<>();
            formats.add(Integer.toString(c.payloadType));
            attributes.add(Attribute.of("rtpmap", rtpmap(c.payloadType, c.codec)));
            c.codec.formatParameters().ifPresent(f -> attributes.add(Attribute.of("fmtp", c.payloadType + " " + f)));
            if (c.comfortNoise.isPresent()) {
                int cn = c.comfortNoise.getAsInt();
                formats.add(Integer.toString(cn));
                attributes.add(Attribute.of("rtpmap", cn + " " + ComfortNoise.ENCODING_NAME + "/8000"));
            }
            if (c.telephoneEvent.isPresent()) {
                int te = c.telephoneEvent.getAsInt();
                formats.add(Integer.toString(te));
                attributes.add(Attribute.of("rtpmap", te + " telephone-event/" + c.codec.clockRate()));
                attributes.add(Attribute.of("fmtp", te + " " + m.fmtp(te).orElse("0-15")));
            }
            int packetMillis = packetMillis(m, c.codec);
            // We state the packet time we send: peers that mirror it then send what we would have asked for.
            attributes.add(Attribute.of("ptime", Integer.toString(packetMillis)));
            attributes.add(Attribute.property(ours.sdpName()));
            answered.add(new MediaDescription("audio", port, PROTOCOL, formats, Optional.empty(), attributes));
            stream = new NegotiatedStream(offer.addressOf(m).orElseThrow(), m.port(), c.codec, c.payloadType,
                c.codecParameters, c.telephoneEvent, c.comfortNoise, remotePtime(m), packetMillis, ours);
        }
        if (stream == null) {
            throw new SdpNegotiationException("the offer has no RTP/AVP audio stream with " + codecNames());
        }
        lastOffer = null;
        return new Answer(describe(answered).toSdp(), stream);
    }

    /**
     * Whether {@link #answer} would accept this offer, without applying it or touching an offer of ours that waits
     * for its answer: call control refuses an offer it cannot answer (SIP 488) before anything about the call
     * changes.
     */
    public synchronized boolean canAnswer(String remoteOffer) {
        SessionDescription offer;
        try {
            offer = SdpParser.parse(remoteOffer);
        } catch (SdpParseException e) {
            return false;
        }
        return offer.media().stream().anyMatch(m -> isAudioRtp(m) && choose(m, m).isPresent()
            && offer.addressOf(m).isPresent());
    }

    /**
     * Reads the peer's answer to our last {@link #offer}.
     *
     * @throws SdpNegotiationException if it rejects the audio stream or chooses something we did not offer
     */
    public synchronized NegotiatedStream acceptAnswer(String remoteAnswer) throws SdpException {
        if (lastOffer == null) {
            throw new IllegalStateException("no offer is outstanding");
        }
        SessionDescription answer = SdpParser.parse(remoteAnswer);
        if (answer.media().size() != lastOffer.media().size()) {
            throw new SdpNegotiationException("the answer has " + answer.media().size()
                + " media streams for our 1 (RFC 3264 section 6)");
        }
        MediaDescription m = answer.media().get(0);
        if (m.port() == 0) {
            throw new SdpNegotiationException("the peer rejected the audio stream");
        }
        MediaDescription offered = lastOffer.media().get(0);
        Choice c = choose(m, offered).orElseThrow(() ->
            new SdpNegotiationException("the answer selects no codec we offered: " + String.join(" ", m.formats())));
        MediaDirection ourOffer = lastOffer.directionOf(offered);
        MediaDirection theirs = effectiveDirection(answer, m);
        MediaDirection ours = MediaDirection.of(ourOffer.sends() && theirs.receives(),
            ourOffer.receives() && theirs.sends());
        lastOffer = null;
        return new NegotiatedStream(answer.addressOf(m).orElseThrow(), m.port(), c.codec, c.payloadType,
            c.codecParameters, c.telephoneEvent, c.comfortNoise, remotePtime(m), packetMillis(m, c.codec), ours);
    }

    private record Choice(AudioCodec codec, int payloadType, String codecParameters, OptionalInt telephoneEvent,
                          OptionalInt comfortNoise) {
    }

    /**
     * The first codec of {@code m} we support and, if {@code allowed} lists them too, telephone-event on that
     * codec's clock and, for an 8 kHz codec, comfort noise (RFC 3389; static payload types such as 0, 8 and 13 may
     * come without an rtpmap).
     */
    private Optional<Choice> choose(MediaDescription m, MediaDescription allowed) {
        AudioCodec codec = null;
        int pt = -1;
        List<RtpMap> events = new ArrayList<>();
        OptionalInt cn = OptionalInt.empty();
        for (String format : m.formats()) {
            int p = Integer.parseInt(format);
            if (!allowed.formats().contains(format)) {
                continue;
            }
            Optional<RtpMap> map = m.rtpMap(p).or(() -> allowed.rtpMap(p));
            if (map.isPresent() && map.get().encoding().equalsIgnoreCase("telephone-event")) {
                events.add(map.get());
                continue;
            }
            if (map.isPresent() ? map.get().is(ComfortNoise.ENCODING_NAME, 8000) : p == ComfortNoise.PAYLOAD_TYPE) {
                if (cn.isEmpty()) {
                    cn = OptionalInt.of(p);
                }
                continue;
            }
            if (codec == null) {
                Optional<AudioCodec> ours = map.isPresent()
                    ? codecs.stream().filter(c -> c.matches(map.get().encoding(), map.get().clockRate(),
                        map.get().channels())).findFirst()
                    : codecs.stream().filter(c -> c.staticPayloadType() && c.payloadType() == p).findFirst();
                if (ours.isPresent()) {
                    codec = ours.get();
                    pt = p;
                }
            }
        }
        if (codec == null) {
            return Optional.empty();
        }
        int rate = codec.clockRate();
        OptionalInt te = events.stream().filter(e -> e.clockRate() == rate).mapToInt(RtpMap::payloadType).findFirst();
        String parameters = m.fmtp(pt).orElse("");
        return Optional.of(new Choice(codec, pt, parameters, te, rate == 8000 ? cn : OptionalInt.empty()));
    }

    /** An rtpmap value for one of our codecs under the given payload type. */
    private static String rtpmap(int payloadType, AudioCodec codec) {
        return payloadType + " " + codec.encodingName() + "/" + codec.clockRate()
            + (codec.channels() != 1 ? "/" + codec.channels() : "");
    }

    /** "PCMU, PCMA or opus". */
    private String codecNames() {
        List<String> names = codecs.stream().map(AudioCodec::encodingName).toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static boolean isAudioRtp(MediaDescription m) {
        return m.media().equals("audio") && m.protocol().equals(PROTOCOL) && m.port() != 0;
    }

    /** The direction a peer declared, treating the old {@code c=0.0.0.0} hold (RFC 3264 section 8.4) as not receiving. */
    private static MediaDirection effectiveDirection(SessionDescription sd, MediaDescription m) {
        MediaDirection d = sd.directionOf(m);
        if (sd.addressOf(m).map(a -> a.equals("0.0.0.0")).orElse(false)) {
            return MediaDirection.of(d.sends(), false);
        }
        return d;
    }

    private static int remotePtime(MediaDescription m) {
        OptionalInt p = m.ptime();
        return p.isPresent() ? p.getAsInt() : PTIME;
    }

    /**
     * The packet time to send to the peer of {@code m}: its {@code a=ptime} (RFC 4566 section 6, 20 ms if absent),
     * no more than its {@code a=maxptime}, within 10 to 60 ms, rounded down to a packet time the codec can frame.
     */
    static int packetMillis(MediaDescription m, AudioCodec codec) {
        int wanted = remotePtime(m);
        OptionalInt max = m.maxptime();
        if (max.isPresent()) {
            wanted = Math.min(wanted, max.getAsInt());
        }
        return codec.packetMillis(Math.max(10, Math.min(Packetizer.MAX_PACKET_MILLIS, wanted)));
    }

    private SessionDescription describe(List<MediaDescription> media) {
        SessionDescription body = new SessionDescription(new SessionDescription.Origin("parley", sessionId, 0,
            address), "Parley", Optional.of(address), List.of(), media);
        String text = body.toSdp();
        if (lastBody == null || !lastBody.equals(text)) {
            version++;
            lastBody = text;
        }
        return new SessionDescription(new SessionDescription.Origin("parley", sessionId, version, address),
            "Parley", Optional.of(address), List.of(), media);
    }
}
