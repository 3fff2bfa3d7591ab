package org.parley.media.rtp;

/**
 * Estimates a call's listening quality as a MOS from what RTP reception measured, with a simplified ITU-T G.107
 * E-model: default values for everything not measured, so the figure moves with loss, jitter and delay only.
 */
public final class EModel {

    /** R for G.711 with all other G.107 parameters at their defaults. */
    private static final double R0 = 93.2;
    /** G.711 packet-loss robustness with concealment (ITU-T G.113 appendix I). */
    private static final double BPL_G711 = 25.1;
    /** A jitter buffer holds about twice the jitter; plus 20 ms packetization and some network transit. */
    private static final double BASE_DELAY_MS = 40;

    private EModel() {
    }

    /**
     * @param lossFraction packets lost over packets expected, 0 to 1
     * @param jitterMillis interarrival jitter (RFC 3550)
     * @param roundTripMillis round-trip time if known (from RTCP), else 0
     * @return MOS from 1.0 to about 4.4
     */
    public static double mos(double lossFraction, double jitterMillis, double roundTripMillis) {
        double delay = BASE_DELAY_MS + 2 * jitterMillis + roundTripMillis / 2;
        double id = 0.024 * delay + (delay > 177.3 ? 0.11 * (delay - 177.3) : 0);
        double ppl = 100 * Math.max(0, Math.min(1, lossFraction));
        double ieEff = 95 * ppl / (ppl + BPL_G711);
        return mosOf(R0 - id - ieEff);
    }

    /** G.107 annex B: R to MOS. */
    static double mosOf(double r) {
        if (r <= 0) {
            return 1.0;
        }
        if (r >= 100) {
            return 4.5;
        }
        return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
    }
}
