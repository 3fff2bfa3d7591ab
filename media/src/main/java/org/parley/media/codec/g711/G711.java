package org.parley.media.codec.g711;

/**
 * The two G.711 laws (ITU-T G.711, 1988), with their static RTP payload types from RFC 3551 table 4.
 *
 * <p>Encoding uses a table indexed by the top 13 (A-law) or 14 (mu-law) bits of the sample, decoding a 256-entry
 * table, so both are one array lookup per sample: cheap enough for a thousand calls on the media clock. The
 * tables are computed once from the law's segment definition rather than typed in, and checked against G.711's
 * published values in the tests.
 */
public enum G711 implements org.parley.media.codec.AudioCodec {
    /** Mu-law, used in North America and Japan. */
    PCMU(0, "PCMU") {
        @Override
        public byte encode(short sample) {
            return MU_ENCODE[(sample >> 2) & 0x3FFF];
        }

        @Override
        public short decode(byte code) {
            return MU_DECODE[code & 0xFF];
        }
    },
    /** A-law, used in Europe and most of the rest of the world. */
    PCMA(8, "PCMA") {
        @Override
        public byte encode(short sample) {
            return A_ENCODE[(sample >> 3) & 0x1FFF];
        }

        @Override
        public short decode(byte code) {
            return A_DECODE[code & 0xFF];
        }
    };

    private static final byte[] MU_ENCODE = new byte[1 << 14];
    private static final short[] MU_DECODE = new short[256];
    private static final byte[] A_ENCODE = new byte[1 << 13];
    private static final short[] A_DECODE = new short[256];
    private static final byte[] MU_TO_A = new byte[256];
    private static final byte[] A_TO_MU = new byte[256];

    static {
        // Index i holds the sample's top bits as an unsigned field; the signed value is recovered by sign extension.
        for (int i = 0; i < MU_ENCODE.length; i++) {
            MU_ENCODE[i] = muLawOf((short) (i << 2));
        }
        for (int i = 0; i < A_ENCODE.length; i++) {
            A_ENCODE[i] = aLawOf((short) (i << 3));
        }
        for (int c = 0; c < 256; c++) {
            MU_DECODE[c] = muLawValue(c);
            A_DECODE[c] = aLawValue(c);
        }
        for (int c = 0; c < 256; c++) {
            MU_TO_A[c] = A_ENCODE[(MU_DECODE[c] >> 3) & 0x1FFF];
            A_TO_MU[c] = MU_ENCODE[(A_DECODE[c] >> 2) & 0x3FFF];
        }
    }

    private final int payloadType;
    private final String encodingName;

    G711(int payloadType, String encodingName) {
        this.payloadType = payloadType;
        this.encodingName = encodingName;
    }

    /** The static payload type assigned by RFC 3551. */
    @Override
    public int payloadType() {
        return payloadType;
    }

    /** The encoding name used in SDP {@code a=rtpmap}. */
    @Override
    public String encodingName() {
        return encodingName;
    }

    @Override
    public int clockRate() {
        return 8000;
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public boolean staticPayloadType() {
        return true;
    }

    @Override
    public java.util.Optional<String> formatParameters() {
        return java.util.Optional.empty();
    }

    /** Any multiple of 10 ms: one sample is one octet, so a packet can be cut anywhere. */
    @Override
    public int packetMillis(int wantedMillis) {
        return Math.max(10, wantedMillis / 10 * 10);
    }

    @Override
    public Encoder newEncoder(String peerParameters) {
        return (pcm, offset, samples, out, outOffset, maxBytes) -> {
            int n = Math.min(samples, maxBytes);
            encode(pcm, offset, out, outOffset, n);
            return n;
        };
    }

    @Override
    public Decoder newDecoder() {
        return (payload, offset, length, pcm, pcmOffset, maxSamples) -> {
            if (length > maxSamples) {
                return -1;
            }
            decode(payload, offset, pcm, pcmOffset, length);
            return length;
        };
    }

    public abstract byte encode(short sample);

    public abstract short decode(byte code);

    /** Encodes {@code length} samples; one byte per sample. */
    public void encode(short[] pcm, int pcmOffset, byte[] out, int outOffset, int length) {
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = encode(pcm[pcmOffset + i]);
        }
    }

    public void decode(byte[] codes, int codeOffset, short[] pcm, int pcmOffset, int length) {
        for (int i = 0; i < length; i++) {
            pcm[pcmOffset + i] = decode(codes[codeOffset + i]);
        }
    }

    /**
     * Re-encodes G.711 bytes from this law into {@code target} in place, through the linear value, so a PCMU
     * caller and a PCMA trunk can be connected without decoding to PCM on the way.
     */
    public void transcode(byte[] codes, int offset, int length, G711 target) {
        if (target == this) {
            return;
        }
        byte[] table = this == PCMU ? MU_TO_A : A_TO_MU;
        for (int i = offset; i < offset + length; i++) {
            codes[i] = table[codes[i] & 0xFF];
        }
    }

    public static java.util.Optional<G711> byPayloadType(int pt) {
        for (G711 law : values()) {
            if (law.payloadType == pt) {
                return java.util.Optional.of(law);
            }
        }
        return java.util.Optional.empty();
    }

    public static java.util.Optional<G711> byEncodingName(String name) {
        for (G711 law : values()) {
            if (law.encodingName.equalsIgnoreCase(name)) {
                return java.util.Optional.of(law);
            }
        }
        return java.util.Optional.empty();
    }

    // Mu-law per G.711 table 2a: 14-bit magnitude, bias 33, 8 segments of 16 steps, all bits inverted on the wire.
    private static byte muLawOf(short sample) {
        int sign = sample < 0 ? 0x80 : 0;
        // One's complement for negatives, as G.191's reference does, so -1..-4 are negative zero like 0..3 are zero.
        int magnitude = Math.min((sample < 0 ? ~sample : sample) >> 2, 8158) + 33;
        int exponent = 7;
        for (int mask = 0x1000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (magnitude >> (exponent + 1)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    private static short muLawValue(int code) {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        // Decision value at the middle of the step, scaled to 16 bits (bias 33 * 4 = 132).
        int magnitude = (((mantissa << 3) + 132) << exponent) - 132;
        return (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
    }

    // A-law per G.711 table 1a: 12-bit magnitude (negative values one's-complemented), even bits inverted on the wire.
    private static byte aLawOf(short sample) {
        int sign = sample >= 0 ? 0x80 : 0;
        int magnitude = (sample >= 0 ? sample : ~sample) >> 3;
        int exponent;
        int mantissa;
        if (magnitude < 32) {
            exponent = 0;
            mantissa = magnitude >> 1;
        } else {
            exponent = 31 - Integer.numberOfLeadingZeros(magnitude) - 4;
            mantissa = (magnitude >> exponent) & 0x0F;
        }
        return (byte) ((sign | (exponent << 4) | mantissa) ^ 0x55);
    }

    private static short aLawValue(int code) {
        int a = (code ^ 0x55) & 0xFF;
        int exponent = (a >> 4) & 0x07;
        int mantissa = a & 0x0F;
        if (exponent > 0) {
            mantissa += 16;
        }
        int magnitude = (mantissa << 4) + 8;
        if (exponent > 1) {
            magnitude <<= exponent - 1;
        }
        return (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
    }
}
