package org.parley.media.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ControlValuesTest {

    @Test
    void answerDirectionFollowsRfc3264() {
        assertEquals(MediaDirection.RECVONLY, MediaDirection.SENDRECV.answerTo(MediaDirection.SENDONLY));
        assertEquals(MediaDirection.SENDONLY, MediaDirection.SENDRECV.answerTo(MediaDirection.RECVONLY));
        assertEquals(MediaDirection.INACTIVE, MediaDirection.SENDRECV.answerTo(MediaDirection.INACTIVE));
        assertEquals(MediaDirection.SENDRECV, MediaDirection.SENDRECV.answerTo(MediaDirection.SENDRECV));
        assertEquals(MediaDirection.INACTIVE, MediaDirection.RECVONLY.answerTo(MediaDirection.RECVONLY));
        assertEquals(MediaDirection.RECVONLY, MediaDirection.SENDONLY.reversed());
        assertEquals(Optional.of(MediaDirection.INACTIVE), MediaDirection.fromSdp("inactive"));
        assertEquals(Optional.empty(), MediaDirection.fromSdp("sendrcv"));
    }

    @Test
    void loadReportRefusesWhenPortsOrTickBudgetRunOut() {
        assertTrue(new LoadReport(10, 100, 0.3, 0.5, Duration.ofMillis(1)).canAcceptCall());
        assertFalse(new LoadReport(99, 100, 0.3, 0.5, Duration.ofMillis(1)).canAcceptCall());
        assertFalse(new LoadReport(10, 100, 0.85, 0.9, Duration.ofMillis(1)).canAcceptCall());
        assertFalse(new LoadReport(10, 100, 0.3, 0.85, Duration.ofMillis(1)).canAcceptCall());
        assertEquals(0, new LoadReport(120, 100, 0.1, 0.1, Duration.ZERO).spareEndpoints());
    }

    @Test
    void requestsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new PlayRequest(List.of(), false));
        assertThrows(IllegalArgumentException.class, () -> new PlayRequest.Dtmf("12x", Duration.ofMillis(80)));
        assertThrows(IllegalArgumentException.class, () -> new PlayRequest.Silence(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
            () -> new DigitCollection(0, Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(3)));
        assertThrows(NullPointerException.class, () -> new RecordingRequest(Path.of("x.wav"), null));
        assertThrows(IllegalArgumentException.class, () -> new EndpointId(" "));
        PlayRequest moh = PlayRequest.looping(new PlayRequest.Prompt(Path.of("moh.wav")));
        assertTrue(moh.loop());
    }

    @Test
    void lossFractionOfStats() {
        StreamStats s = new StreamStats(0, 0, 95, 95 * 172, 5, 0, 0, 3.0, 0, 0, 4.0);
        assertEquals(0.05, s.lossFraction(), 1e-9);
    }
}
