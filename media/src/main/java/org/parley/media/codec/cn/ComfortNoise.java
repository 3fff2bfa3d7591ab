package org.parley.media.codec.cn;

/**
 * RFC 3389 comfort noise: a sender that stops sending during silence (discontinuous transmission) first sends a CN
 * packet whose first octet is the level of its background noise, and the receiver plays noise of that level until
 * speech resumes, so the line does not go dead.
 *
 * <pre>
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * |0|   level     |   level in -dBov, 0 to 127 (RFC 3389 section 3.1),
 * +-+-+-+-+-+-+-+-+   then optional reflection coefficients (section 3.2)
 * </pre>
 *
 * <p>The level is relative to the system's overload point: for G.711 mu-law, 0 dBov is a square wave of +/-8031 in
 * its 14-bit range (RFC 3389 section 3.1), +/-32124 in our 16-bit samples, which is also the RMS of that square
 * wave. We play white noise: RFC 3389 section 2 lets a receiver ignore the spectral octets, and at comfort-noise
 * levels the shape matters far less than the level.
 *
 * <p>An instance is one stream's noise source; not thread-safe, and it allocates nothing.
 */
public final class ComfortNoise {

    /** The static payload type of CN at 8 kHz (RFC 3551 table 4). */
    public static final int PAYLOAD_TYPE = 13;
    public static final String ENCODING_NAME = "CN";
    /** RMS, in 16-bit samples, of the 0 dBov reference square wave. */
    public static final double ZERO_DBOV_RMS = 32124;
    /** The quietest level a CN packet can signal; the receiver plays silence there. */
    public static final int SILENT_LEVEL = 127;

    /** Uniform noise in [-a, a] has an RMS of a / sqrt(3). */
    private static final double UNIFORM_PEAK_PER_RMS = Math.sqrt(3);

    private long state;

    /** @param seed any value; streams seeded differently do not sound alike when mixed */
    public ComfortNoise(long seed) {
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    /** The level in -dBov carried by a CN payload's first octet. */
    public static int levelOf(byte firstOctet) {
        return firstOctet & 0x7F;
    }

    /** RMS in 16-bit samples of noise at {@code minusDbov}; 0 for the quietest level, 127. */
    public static double rmsOf(int minusDbov) {
        if (minusDbov < 0 || minusDbov > SILENT_LEVEL) {
            throw new IllegalArgumentException("CN level is 0 to 127 -dBov: " + minusDbov);
        }
        return minusDbov == SILENT_LEVEL ? 0 : ZERO_DBOV_RMS * Math.pow(10, -minusDbov / 20.0);
    }

    /** The -dBov level a sender signals for noise of this RMS, in the range a CN octet holds. */
    public static int levelFor(double rms) {
        if (rms <= 0) {
            return SILENT_LEVEL;
        }
        long level = Math.round(-20 * Math.log10(rms / ZERO_DBOV_RMS));
        return (int) Math.max(0, Math.min(SILENT_LEVEL, level));
    }

    /** Writes {@code count} samples of white noise with the given RMS. */
    public void fill(short[] out, int offset, int count, double rms) {
        double peak = rms * UNIFORM_PEAK_PER_RMS;
        for (int i = 0; i < count; i++) {
            // xorshift64 (Marsaglia 2003): fast, no allocation, and plenty random for noise one hears.
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            double uniform = (state >>> 11) * 0x1.0p-53 * 2 - 1;
            long v = Math.round(uniform * peak);
            out[offset + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
        }
    }
}
