package org.parley.media.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.parley.media.codec.AudioCodec;
import org.parley.media.codec.g711.G711;
import org.parley.media.codec.opus.Opus;
import org.parley.media.control.MediaDirection;

class SdpTest {

    /** What a typical desk phone offers. */
    private static final String PHONE_OFFER = String.join("\r\n",
        "v=0",
        "o=alice 2890844526 2890844526 IN IP4 192.0.2.10",
        "s=-",
        "c=IN IP4 192.0.2.10",
        "t=0 0",
        "m=audio 49170 RTP/AVP 8 0 18 96",
        "a=rtpmap:8 PCMA/8000",
        "a=rtpmap:0 PCMU/8000",
        "a=rtpmap:18 G729/8000",
        "a=rtpmap:96 telephone-event/8000",
        "a=fmtp:96 0-15",
        "a=ptime:30",
        "a=sendrecv",
        "");

    private static OfferAnswer parley() {
        return new OfferAnswer("203.0.113.5", 20000, List.of(G711.PCMU, G711.PCMA), 42);
    }

    @Test
    void parsesATypicalOffer() throws Exception {
        SessionDescription sd = SdpParser.parse(PHONE_OFFER);
        assertEquals(2890844526L, sd.origin().version());
        MediaDescription m = sd.media().get(0);
        assertEquals(49170, m.port());
        assertEquals(List.of("8", "0", "18", "96"), m.formats());
        assertEquals("telephone-event", m.rtpMap(96).orElseThrow().encoding());
        assertEquals("0-15", m.fmtp(96).orElseThrow());
        assertEquals(OptionalInt.of(30), m.ptime());
        assertEquals(MediaDirection.SENDRECV, sd.directionOf(m));
        assertEquals("192.0.2.10", sd.addressOf(m).orElseThrow());
        // Bare LF line ends are tolerated.
        assertEquals(1, SdpParser.parse(PHONE_OFFER.replace("\r\n", "\n")).media().size());
    }

    @Test
    void extraSpacesTrailingBlankLinesAndHostNamesAreTolerated() throws Exception {
        String loose = PHONE_OFFER.replace("m=audio 49170 RTP/AVP 8 0", "m=audio  49170 RTP/AVP   8 0 ")
            .replace("c=IN IP4 192.0.2.10", "c=IN  IP4 pbx-1.example.com")
            .replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:0   PCMU/8000") + "\r\n\r\n";
        SessionDescription sd = SdpParser.parse(loose);
        MediaDescription m = sd.media().get(0);
        assertEquals(49170, m.port());
        assertEquals(List.of("8", "0", "18", "96"), m.formats());
        assertEquals("PCMU", m.rtpMap(0).orElseThrow().encoding());
        assertEquals("pbx-1.example.com", sd.addressOf(m).orElseThrow());
        // A last line without its line end counts; an empty line inside the description does not.
        assertEquals(1, SdpParser.parse(PHONE_OFFER.strip()).media().size());
        assertBad(PHONE_OFFER.replace("t=0 0\r\n", "t=0 0\r\n\r\n"), 6, "not a \"<type>=<value>\" line");
        assertBad(PHONE_OFFER.replace("c=IN IP4 192.0.2.10", "c=IN IP4 pbx_1"), 4, "not an IPv4 address or host name");
        assertBad(PHONE_OFFER.replace("c=IN IP4 192.0.2.10", "c=IN IP4 10.0.0"), 4, "not an IPv4 address or host name");
        assertBad(PHONE_OFFER.replace("m=audio 49170 RTP/AVP 8 0 18 96", "m=audio 49170 RTP/AVP"), 6,
            "m= needs media, port, protocol and formats");
    }

    @Test
    void malformedLinesAreNamedInTheException() {
        assertBad(PHONE_OFFER.replace("m=audio 49170", "m=audio 4917O"), 6, "port is not a number");
        assertBad(PHONE_OFFER.replace("m=audio 49170", "m=audio 70000"), 6, "port out of range");
        assertBad(PHONE_OFFER.replace("c=IN IP4 192.0.2.10", "c=IN IP4 192.0.2.300"), 4, "not an IPv4 address");
        assertBad(PHONE_OFFER.replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:0 PCMU"), 8, "rtpmap must be");
        assertBad(PHONE_OFFER.replace("a=ptime:30", "a=ptime:thirty"), 12, "ptime is not a number");
        assertBad(PHONE_OFFER.replace("s=-", "s-"), 3, "not a \"<type>=<value>\" line");
        assertBad(PHONE_OFFER.replace("v=0", "v=1"), 1, "only version 0");
        assertBad(PHONE_OFFER.replace(" 18 96", " 18 196"), 6, "RTP payload type out of range");
        assertBad(PHONE_OFFER.replace("o=alice 2890844526 2890844526 IN IP4 192.0.2.10", "o=alice x"), 2,
            "o= needs 6 fields");
        SdpParseException noC = assertThrows(SdpParseException.class,
            () -> SdpParser.parse(PHONE_OFFER.replace("c=IN IP4 192.0.2.10\r\n", "")));
        assertTrue(noC.getMessage().contains("no c= line"), noC.getMessage());
        assertThrows(SdpParseException.class, () -> SdpParser.parse(""));
    }

    private static void assertBad(String sdp, int line, String problem) {
        SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(sdp));
        assertEquals(line, e.lineNumber(), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getMessage().startsWith("SDP line " + line + " \""), e.getMessage());
    }

    @Test
    void answersWithTheOfferersFirstCommonCodecAndItsTelephoneEventType() throws Exception {
        OfferAnswer.Answer answer = parley().answer(PHONE_OFFER, MediaDirection.SENDRECV);
        NegotiatedStream s = answer.stream();
        assertEquals(G711.PCMA, s.codec());
        assertEquals(8, s.payloadType());
        assertEquals(OptionalInt.of(96), s.telephoneEventPayloadType());
        assertEquals("192.0.2.10", s.remoteAddress());
        assertEquals(49170, s.remotePort());
        assertEquals(30, s.remotePtime());
        assertEquals(30, s.packetMillis());
        assertEquals(MediaDirection.SENDRECV, s.direction());

        SessionDescription sd = SdpParser.parse(answer.sdp());
        MediaDescription m = sd.media().get(0);
        assertEquals(List.of("8", "96"), m.formats());
        assertEquals(20000, m.port());
        assertEquals("0-15", m.fmtp(96).orElseThrow());
        assertEquals("203.0.113.5", sd.addressOf(m).orElseThrow());
        assertTrue(answer.sdp().endsWith("\r\n"));
    }

    @Test
    void weSendThePacketTimeThePeerAsksForWithinItsMaximumAndSayWhatWeSend() throws Exception {
        assertEquals(30, sendPtime("a=ptime:30\r\n"));
        assertEquals(10, sendPtime("a=ptime:10\r\n"));
        assertEquals(20, sendPtime(""), "20 ms when the peer does not say");
        assertEquals(20, sendPtime("a=ptime:30\r\na=maxptime:20\r\n"), "maxptime caps ptime");
        assertEquals(10, sendPtime("a=maxptime:10\r\n"), "maxptime caps the default");
        assertEquals(20, sendPtime("a=ptime:25\r\n"), "rounded down to the 10 ms steps we cut");
        assertEquals(10, sendPtime("a=ptime:5\r\n"));
        assertEquals(60, sendPtime("a=ptime:100\r\n"));
        String answer = parley().answer(PHONE_OFFER, MediaDirection.SENDRECV).sdp();
        assertTrue(answer.contains("a=ptime:30\r\n"), answer);
        assertBad(PHONE_OFFER.replace("a=ptime:30", "a=maxptime:x"), 12, "maxptime is not a number");

        OfferAnswer a = parley();
        a.offer(MediaDirection.SENDRECV);
        String answered = PHONE_OFFER.replace("a=ptime:30", "a=ptime:40\r\na=maxptime:40");
        assertEquals(40, a.acceptAnswer(answered).packetMillis());
    }

    private static int sendPtime(String attributes) throws Exception {
        String offer = PHONE_OFFER.replace("a=ptime:30\r\n", attributes);
        return parley().answer(offer, MediaDirection.SENDRECV).stream().packetMillis();
    }

    @Test
    void comfortNoiseIsAcceptedWhenOfferedAndLeftOutWhenNot() throws Exception {
        assertTrue(parley().answer(PHONE_OFFER, MediaDirection.SENDRECV).stream().comfortNoisePayloadType().isEmpty());
        assertFalse(parley().answer(PHONE_OFFER, MediaDirection.SENDRECV).sdp().contains("CN/8000"));
        // Static payload type 13 needs no rtpmap (RFC 3551 table 4).
        String withCn = PHONE_OFFER.replace("RTP/AVP 8 0 18 96", "RTP/AVP 8 0 18 13 96");
        OfferAnswer.Answer answer = parley().answer(withCn, MediaDirection.SENDRECV);
        assertEquals(OptionalInt.of(13), answer.stream().comfortNoisePayloadType());
        assertEquals(List.of("8", "13", "96"), SdpParser.parse(answer.sdp()).media().get(0).formats());
        assertTrue(answer.sdp().contains("a=rtpmap:13 CN/8000\r\n"));
        // CN at another rate belongs to a wideband codec we do not speak.
        String wideCn = PHONE_OFFER.replace("RTP/AVP 8 0 18 96", "RTP/AVP 8 0 18 98 96")
            .replace("a=ptime:30", "a=rtpmap:98 CN/16000\r\na=ptime:30");
        assertTrue(parley().answer(wideCn, MediaDirection.SENDRECV).stream().comfortNoisePayloadType().isEmpty());
    }

    /** What a WebRTC-style softphone offers over plain RTP: Opus first, under its own payload type. */
    private static final String OPUS_OFFER = String.join("\r\n",
        "v=0",
        "o=bob 1 1 IN IP4 192.0.2.20",
        "s=-",
        "c=IN IP4 192.0.2.20",
        "t=0 0",
        "m=audio 50000 RTP/AVP 96 0 8 101 97",
        "a=rtpmap:96 opus/48000/2",
        "a=fmtp:96 minptime=10;useinbandfec=1",
        "a=rtpmap:101 telephone-event/8000",
        "a=rtpmap:97 telephone-event/48000",
        "a=fmtp:97 0-15",
        "a=ptime:30",
        "a=sendrecv",
        "");

    private static OfferAnswer withOpus(AudioCodec... codecs) {
        return new OfferAnswer("203.0.113.5", 20000, List.of(codecs), 42);
    }

    @Test
    void opusIsChosenWhenBothOfferItWithTelephoneEventsOnItsClock() throws Exception {
        OfferAnswer.Answer answer = withOpus(G711.PCMU, G711.PCMA, Opus.CODEC).answer(OPUS_OFFER,
            MediaDirection.SENDRECV);
        NegotiatedStream s = answer.stream();
        assertEquals(Opus.CODEC, s.codec());
        assertEquals(96, s.payloadType(), "the offerer's payload type is kept");
        assertEquals("minptime=10;useinbandfec=1", s.codecParameters());
        assertEquals(OptionalInt.of(97), s.telephoneEventPayloadType(), "RFC 4733 events at 48 kHz beside Opus");
        assertTrue(s.comfortNoisePayloadType().isEmpty());
        assertEquals(20, s.packetMillis(), "Opus has no 30 ms frame: the longest below");
        MediaDescription m = SdpParser.parse(answer.sdp()).media().get(0);
        assertEquals(List.of("96", "97"), m.formats());
        // RFC 7587 section 7: always opus/48000/2, whatever is really sent.
        assertEquals(new RtpMap(96, "opus", 48000, 2), m.rtpMap(96).orElseThrow());
        assertTrue(answer.sdp().contains("a=rtpmap:96 opus/48000/2\r\n"), answer.sdp());
        assertTrue(m.fmtp(96).orElseThrow().contains("maxplaybackrate=8000"));
        assertEquals(new RtpMap(97, "telephone-event", 48000, 1), m.rtpMap(97).orElseThrow());

        // Without Opus of our own, the same offer gets G.711 and the 8 kHz events.
        NegotiatedStream g711 = parley().answer(OPUS_OFFER, MediaDirection.SENDRECV).stream();
        assertEquals(G711.PCMU, g711.codec());
        assertEquals(OptionalInt.of(101), g711.telephoneEventPayloadType());
        assertEquals(30, g711.packetMillis());
        // Opus at another rate or channel count is not RFC 7587's.
        String wrong = OPUS_OFFER.replace("opus/48000/2", "opus/48000").replace(" 96 0 8", " 96");
        assertThrows(SdpNegotiationException.class,
            () -> withOpus(Opus.CODEC).answer(wrong, MediaDirection.SENDRECV));
    }

    @Test
    void twoParleyEndpointsPreferringOpusAgreeOnIt() throws Exception {
        OfferAnswer a = withOpus(Opus.CODEC, G711.PCMU);
        String offer = a.offer(MediaDirection.SENDRECV);
        assertTrue(offer.contains("m=audio 20000 RTP/AVP 111 0 13 101 110\r\n"), offer);
        assertTrue(offer.contains("a=rtpmap:111 opus/48000/2\r\n"));
        assertTrue(offer.contains("a=fmtp:111 maxplaybackrate=8000;sprop-maxcapturerate=8000;stereo=0;sprop-stereo=0\r\n"));
        assertTrue(offer.contains("a=rtpmap:110 telephone-event/48000\r\n"));
        OfferAnswer.Answer answer = withOpus(G711.PCMU, G711.PCMA, Opus.CODEC).answer(offer, MediaDirection.SENDRECV);
        assertEquals(Opus.CODEC, answer.stream().codec());
        NegotiatedStream atA = a.acceptAnswer(answer.sdp());
        assertEquals(Opus.CODEC, atA.codec());
        assertEquals(111, atA.payloadType());
        assertEquals(OptionalInt.of(110), atA.telephoneEventPayloadType());
        assertEquals(20, atA.packetMillis());
    }

    @Test
    void staticPayloadTypesWithoutRtpmapAreUnderstood() throws Exception {
        String bare = PHONE_OFFER.replace("m=audio 49170 RTP/AVP 8 0 18 96", "m=audio 49170 RTP/AVP 18 0")
            .replace("a=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\n", "");
        NegotiatedStream s = parley().answer(bare, MediaDirection.SENDRECV).stream();
        assertEquals(G711.PCMU, s.codec());
        assertTrue(s.telephoneEventPayloadType().isEmpty());
    }

    @Test
    void holdDirectionsAreMirroredAndOldStyleHoldIsRecognised() throws Exception {
        OfferAnswer oa = parley();
        NegotiatedStream held = oa.answer(PHONE_OFFER.replace("a=sendrecv", "a=sendonly"), MediaDirection.SENDRECV)
            .stream();
        assertEquals(MediaDirection.RECVONLY, held.direction());
        String inactive = oa.answer(PHONE_OFFER.replace("a=sendrecv", "a=inactive"), MediaDirection.SENDRECV).sdp();
        assertTrue(inactive.contains("a=inactive\r\n"));
        NegotiatedStream oldHold = oa.answer(PHONE_OFFER.replace("c=IN IP4 192.0.2.10", "c=IN IP4 0.0.0.0"),
            MediaDirection.SENDRECV).stream();
        assertEquals(MediaDirection.RECVONLY, oldHold.direction());
    }

    @Test
    void rejectsExtraStreamsAndOffersWithoutCommonCodec() throws Exception {
        String withVideo = PHONE_OFFER + "m=video 49172 RTP/AVP 31\r\na=rtpmap:31 H261/90000\r\n";
        SessionDescription answer = SdpParser.parse(parley().answer(withVideo, MediaDirection.SENDRECV).sdp());
        assertEquals(2, answer.media().size());
        assertEquals(0, answer.media().get(1).port());

        String g729Only = PHONE_OFFER.replace("m=audio 49170 RTP/AVP 8 0 18 96", "m=audio 49170 RTP/AVP 18");
        SdpNegotiationException e = assertThrows(SdpNegotiationException.class,
            () -> parley().answer(g729Only, MediaDirection.SENDRECV));
        assertTrue(e.getMessage().contains("PCMU or PCMA"));
        OfferAnswer onlyPcmu = new OfferAnswer("203.0.113.5", 20000, List.of(G711.PCMU), 1);
        assertEquals(G711.PCMU, onlyPcmu.answer(PHONE_OFFER, MediaDirection.SENDRECV).stream().codec());
    }

    @Test
    void canAnswerTellsWhatAnswerWouldRefuseWithoutDisturbingAnOutstandingOffer() throws Exception {
        OfferAnswer oa = parley();
        oa.offer(MediaDirection.SENDONLY);
        assertTrue(oa.canAnswer(PHONE_OFFER));
        assertFalse(oa.canAnswer(PHONE_OFFER.replace("m=audio 49170 RTP/AVP 8 0 18 96", "m=audio 49170 RTP/AVP 18")),
            "G.729 only");
        assertFalse(oa.canAnswer(PHONE_OFFER.replace("m=audio 49170", "m=audio 0")), "the audio stream refused");
        assertFalse(oa.canAnswer("not SDP"));
        assertFalse(oa.canAnswer(PHONE_OFFER.replace("c=IN IP4 192.0.2.10\r\n", "")), "no address to send to");
        String answer = PHONE_OFFER.replace("m=audio 49170 RTP/AVP 8 0 18 96", "m=audio 49170 RTP/AVP 0");
        assertEquals(G711.PCMU, oa.acceptAnswer(answer).codec(), "our offer still waits for its answer");
    }

    @Test
    void offerAnswerRoundTripBetweenTwoParleyEndpoints() throws Exception {
        OfferAnswer a = parley();
        OfferAnswer b = new OfferAnswer("198.51.100.7", 30000, List.of(G711.PCMA, G711.PCMU), 7);
        String offer = a.offer(MediaDirection.SENDRECV);
        assertTrue(offer.contains("m=audio 20000 RTP/AVP 0 8 13 101\r\n"));
        assertTrue(offer.contains("a=rtpmap:13 CN/8000\r\n"));
        assertTrue(offer.contains("a=fmtp:101 0-16\r\n"));
        assertTrue(offer.contains("a=ptime:20\r\n"));
        OfferAnswer.Answer answer = b.answer(offer, MediaDirection.RECVONLY);
        NegotiatedStream atA = a.acceptAnswer(answer.sdp());
        assertEquals(G711.PCMU, atA.codec());
        assertEquals(MediaDirection.SENDONLY, atA.direction());
        assertEquals(MediaDirection.RECVONLY, answer.stream().direction());
        assertEquals("198.51.100.7", atA.remoteAddress());
        assertEquals(30000, atA.remotePort());
        assertEquals(OptionalInt.of(101), atA.telephoneEventPayloadType());
        assertEquals(OptionalInt.of(13), atA.comfortNoisePayloadType());
        assertEquals(OptionalInt.of(13), answer.stream().comfortNoisePayloadType());
        assertThrows(IllegalStateException.class, () -> a.acceptAnswer(answer.sdp()));
    }

    @Test
    void versionGrowsOnlyWhenTheDescriptionChanges() throws Exception {
        OfferAnswer a = parley();
        long v1 = SdpParser.parse(a.offer(MediaDirection.SENDRECV)).origin().version();
        long v2 = SdpParser.parse(a.offer(MediaDirection.SENDRECV)).origin().version();
        long v3 = SdpParser.parse(a.offer(MediaDirection.SENDONLY)).origin().version();
        assertEquals(v1, v2);
        assertEquals(v1 + 1, v3);
        assertFalse(a.offer(MediaDirection.SENDONLY).contains("sendrecv"));
    }

    @Test
    void answerThatRejectsOrInventsIsRefused() throws Exception {
        OfferAnswer a = parley();
        a.offer(MediaDirection.SENDRECV);
        String rejecting = PHONE_OFFER.replace("m=audio 49170", "m=audio 0");
        assertThrows(SdpNegotiationException.class, () -> a.acceptAnswer(rejecting));
        a.offer(MediaDirection.SENDRECV);
        String invented = PHONE_OFFER.replace("m=audio 49170 RTP/AVP 8 0 18 96", "m=audio 49170 RTP/AVP 18");
        assertThrows(SdpNegotiationException.class, () -> a.acceptAnswer(invented));
    }
}
