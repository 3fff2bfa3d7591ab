package org.parley.media.rtp.rtcp;

/**
 * One reception report block (RFC 3550 section 6.4.1): what a receiver says about one source.
 *
 * @param fractionLost lost share since the previous report, in 1/256 (0-255)
 * @param cumulativeLost packets lost since the start (24-bit signed: duplicates can make it negative)
 * @param extendedHighestSequence cycles * 65536 + highest sequence number received
 * @param jitter interarrival jitter in timestamp units
 * @param lastSenderReport middle 32 bits of the NTP timestamp of the last SR received from the source, 0 if none
 * @param delaySinceLastSenderReport time since that SR, in 1/65536 s
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence, long jitter,
                          long lastSenderReport, long delaySinceLastSenderReport) {

    static final int LENGTH = 24;
}
