package org.parley.media.control;

/**
 * Quality figures of one endpoint's RTP stream, for CDRs and the wallboard.
 *
 * @param jitterMillis interarrival jitter as RFC 3550 section 6.4.1 defines it, in milliseconds
 * @param mos estimated mean opinion score (1.0 to 4.5) from a simplified ITU-T G.107 E-model
 */
public record StreamStats(long packetsSent, long bytesSent, long packetsReceived, long bytesReceived,
                          long packetsLost, long packetsLate, long packetsDuplicated, double jitterMillis,
                          long rtcpSent, long rtcpReceived, double mos) {

    /** Fraction of expected packets that never arrived (0 to 1). */
    public double lossFraction() {
        long expected = packetsReceived + packetsLost;
        return expected == 0 ? 0 : (double) packetsLost / expected;
    }
}
