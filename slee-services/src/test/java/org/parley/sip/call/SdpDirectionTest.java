package org.parley.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.parley.media.control.MediaDirection;
import org.parley.media.sdp.SdpParseException;

class SdpDirectionTest {

    private static String offer(String connection, String sessionAttribute, String port, String mediaAttribute) {
        return "v=0\r\n"
                + "o=alice 2890844526 2890844527 IN IP4 192.0.2.20\r\n"
                + "s=-\r\n"
                + "c=IN IP4 " + connection + "\r\n"
                + "t=0 0\r\n"
                + (sessionAttribute.isEmpty() ? "" : "a=" + sessionAttribute + "\r\n")
                + "m=audio " + port + " RTP/AVP 0 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + (mediaAttribute.isEmpty() ? "" : "a=" + mediaAttribute + "\r\n");
    }

    @ParameterizedTest(name = "c={0} session a={1} port {2} media a={3} → {4}")
    @CsvSource({
        "192.0.2.20, '',       49170, sendonly, SENDONLY",
        "192.0.2.20, '',       49170, inactive, INACTIVE",
        "192.0.2.20, '',       49170, recvonly, RECVONLY",
        "192.0.2.20, '',       49170, sendrecv, SENDRECV",
        "192.0.2.20, '',       49170, '',       SENDRECV",
        "192.0.2.20, sendonly, 49170, '',       SENDONLY",
        "192.0.2.20, sendonly, 49170, sendrecv, SENDRECV",
        "0.0.0.0,    '',       49170, '',       SENDONLY",
        "0.0.0.0,    '',       49170, recvonly, INACTIVE",
        "192.0.2.20, '',       0,     '',       INACTIVE",
    })
    void readsTheAudioDirection(String connection, String sessionAttribute, String port, String mediaAttribute,
                                MediaDirection expected) throws SdpParseException {
        assertEquals(Optional.of(expected),
                SdpDirection.offered(offer(connection, sessionAttribute, port, mediaAttribute)));
    }

    @Test
    void noOfferOrNoAudioSaysNothing() throws SdpParseException {
        assertEquals(Optional.empty(), SdpDirection.offered(null));
        assertEquals(Optional.empty(), SdpDirection.offered(" "));
        String video = "v=0\r\no=a 1 1 IN IP4 192.0.2.20\r\ns=-\r\nc=IN IP4 192.0.2.20\r\nt=0 0\r\n"
                + "m=video 51372 RTP/AVP 99\r\n";
        assertEquals(Optional.empty(), SdpDirection.offered(video));
    }

    @Test
    void malformedSdpIsTheCallersToHearAbout() {
        assertThrows(SdpParseException.class, () -> SdpDirection.offered("this is not sdp"));
    }

    @Test
    void anOfferThatDoesNotReceiveHolds() {
        assertTrue(SdpDirection.holds(MediaDirection.SENDONLY));
        assertTrue(SdpDirection.holds(MediaDirection.INACTIVE));
        assertFalse(SdpDirection.holds(MediaDirection.SENDRECV));
        assertFalse(SdpDirection.holds(MediaDirection.RECVONLY));
    }
}
