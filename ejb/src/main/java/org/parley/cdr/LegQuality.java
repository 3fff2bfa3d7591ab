package org.parley.cdr;

/**
 * One leg's media figures at the end of the call, from Parley's media server: what it sent to the phone, what it
 * received from it, what was lost on the way in, interarrival jitter (RFC 3550) and the estimated MOS (E-model).
 */
public record LegQuality(long packetsSent, long packetsReceived, long packetsLost, double jitterMillis, double mos) {
}
