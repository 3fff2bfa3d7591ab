package org.parley.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.parley.media.rtp.ReceptionStatistics.Arrival;

class ReceptionStatisticsTest {

    private static final long MS = 1_000_000;

    @Test
    void extendsSequenceNumbersAcrossTheWrap() {
        ReceptionStatistics s = new ReceptionStatistics(8000);
        int seq = 65530;
        for (int i = 0; i < 12; i++) {
            s.onPacket(1, (seq + i) & 0xFFFF, 160L * i, 20 * MS * i);
        }
        assertEquals(65530 + 11, s.highestExtendedSequence());
        assertEquals(12, s.packetsReceived());
        assertEquals(0, s.packetsLost());
    }

    @Test
    void countsLossReorderingAndDuplicatesOnce() {
        ReceptionStatistics s = new ReceptionStatistics(8000);
        assertEquals(Arrival.NEW_SOURCE, s.onPacket(9, 65534, 0, 0));
        assertEquals(Arrival.IN_ORDER, s.onPacket(9, 1, 480, 60 * MS));
        assertEquals(Arrival.REORDERED, s.onPacket(9, 65535, 160, 61 * MS));
        assertEquals(65535, s.lastExtendedSequence());
        assertEquals(Arrival.DUPLICATE, s.onPacket(9, 65535, 160, 62 * MS));
        assertEquals(Arrival.DUPLICATE, s.onPacket(9, 1, 480, 63 * MS));
        assertEquals(Arrival.IN_ORDER, s.onPacket(9, 2, 640, 80 * MS));
        // 65534, 65535, 0 (lost), 1, 2
        assertEquals(4, s.packetsReceived());
        assertEquals(1, s.packetsLost());
        assertEquals(2, s.duplicates());
    }

    @Test
    void restartsOnSsrcChangeKeepingTotals() {
        ReceptionStatistics s = new ReceptionStatistics(8000);
        s.onPacket(1, 100, 0, 0);
        s.onPacket(1, 102, 320, 40 * MS);
        assertEquals(Arrival.NEW_SOURCE, s.onPacket(2, 5000, 99999, 60 * MS));
        assertEquals(Arrival.IN_ORDER, s.onPacket(2, 5001, 99999 + 160, 80 * MS));
        assertEquals(2, s.ssrc());
        assertEquals(1, s.sourceChanges());
        assertEquals(4, s.packetsReceived());
        assertEquals(1, s.packetsLost());
    }

    @Test
    void believesABigJumpOnlyWhenTheNextPacketFollowsIt() {
        ReceptionStatistics s = new ReceptionStatistics(8000);
        s.onPacket(1, 10, 0, 0);
        assertEquals(Arrival.OUT_OF_RANGE, s.onPacket(1, 30000, 160, 20 * MS));
        assertEquals(Arrival.IN_ORDER, s.onPacket(1, 30001, 320, 40 * MS));
        assertEquals(Arrival.IN_ORDER, s.onPacket(1, 30002, 480, 60 * MS));
        assertEquals(0, s.packetsLost());
        assertEquals(3, s.packetsReceived());
    }

    @Test
    void jitterIsZeroForPerfectPacingAndGrowsWithVariation() {
        ReceptionStatistics clean = new ReceptionStatistics(8000);
        ReceptionStatistics jittery = new ReceptionStatistics(8000);
        for (int i = 0; i < 500; i++) {
            clean.onPacket(1, i, 160L * i, 20 * MS * i);
            // Alternately 10 ms early and late: |D| is 20 ms = 160 units on every packet.
            long wobble = (i % 2 == 0 ? 10 : -10) * MS;
            jittery.onPacket(1, i, 160L * i, 1000 * MS + 20 * MS * i + wobble);
        }
        assertEquals(0, clean.jitterTimestampUnits());
        assertEquals(160, jittery.jitterTimestampUnits(), 2);
        assertEquals(20.0, jittery.jitterMillis(), 0.5);
    }

    @Test
    void aTimestampJumpIsNotJitter() {
        ReceptionStatistics s = new ReceptionStatistics(8000);
        for (int i = 0; i < 50; i++) {
            s.onPacket(1, i, 160L * i, 20 * MS * i);
        }
        // After a 5 s pause the sender's timestamps resume 7 s further on: a 2 s step in transit time, which is a
        // new timeline (a re-started sender), not jitter.
        for (int i = 50; i < 100; i++) {
            s.onPacket(1, i, 160L * i + 8000 * 7, 20 * MS * i + 5000 * MS);
        }
        assertEquals(0, s.jitterTimestampUnits());
        assertEquals(0, s.packetsLost());
    }

    @Test
    void eModelMatchesG107AtItsDefaults() {
        // G.107 with all defaults gives R = 93.2, which annex B maps to MOS 4.41.
        assertEquals(4.41, EModel.mosOf(93.2), 0.005);
        assertEquals(4.5, EModel.mosOf(100));
        assertEquals(3.6, EModel.mosOf(70), 0.05);
    }

    @Test
    void eModelGivesHighMosForCleanAndLowerForLossAndJitter() {
        double clean = EModel.mos(0, 0, 0);
        double lossy = EModel.mos(0.05, 30, 0);
        assertTrue(clean > 4.2 && clean <= 4.5, "clean " + clean);
        assertTrue(lossy < clean - 0.4, "lossy " + lossy);
        assertTrue(EModel.mos(0.5, 100, 400) >= 1.0);
        assertEquals(1.0, EModel.mosOf(-5));
    }
}
