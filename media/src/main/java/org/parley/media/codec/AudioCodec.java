package org.parley.media.codec;

import java.util.Optional;

/**
 * A speech codec as SDP names it ({@code a=rtpmap}), and the source of each stream's encoder and decoder. Whatever
 * the codec's RTP clock, the media server's audio inside is 16-bit linear PCM at 8 kHz in 20 ms frames, so the
 * mixer, recorder and DTMF detection never see the codec.
 */
public interface AudioCodec {

    /** The encoding name of {@code a=rtpmap}, e.g. {@code PCMU}, {@code opus}. */
    String encodingName();

    /** The RTP timestamp rate of {@code a=rtpmap}: 8000 for G.711, 48000 for Opus (RFC 7587 section 4.1). */
    int clockRate();

    /** The channel count of {@code a=rtpmap}: 1, but always 2 for Opus (RFC 7587 section 7). */
    int channels();

    /** The static payload type (RFC 3551), or the dynamic one we offer. */
    int payloadType();

    /** Whether {@link #payloadType()} is static, so a peer may list it without an rtpmap. */
    boolean staticPayloadType();

    /** The {@code a=fmtp} parameters we send for this codec, if any. */
    Optional<String> formatParameters();

    /**
     * The packet time we send when the peer asks for {@code wantedMillis}: the longest this codec can frame that
     * is no longer, and at least 10 ms.
     */
    int packetMillis(int wantedMillis);

    /** RTP timestamp units per 8 kHz sample. */
    default int clockRatio() {
        return clockRate() / 8000;
    }

    /** Whether an rtpmap names this codec. */
    default boolean matches(String encoding, int rate, int channelCount) {
        return encodingName().equalsIgnoreCase(encoding) && clockRate() == rate && channels() == channelCount;
    }

    /**
     * A new encoder for one outgoing stream.
     *
     * @param peerParameters the {@code a=fmtp} parameters the peer gave for this codec ("" if none)
     */
    Encoder newEncoder(String peerParameters);

    /** A new decoder for one incoming stream. */
    Decoder newDecoder();

    /** Encodes the audio of one packet; owned by one stream's send path. */
    interface Encoder {
        /**
         * @param pcm 8 kHz samples, a whole packet's worth (a packet time {@link AudioCodec#packetMillis} allowed)
         * @return the payload length written to {@code out}, or -1 if the encoder refused the audio
         */
        int encode(short[] pcm, int offset, int samples, byte[] out, int outOffset, int maxBytes);
    }

    /** Decodes the payload of one packet; owned by one stream's receive path. */
    interface Decoder {
        /**
         * @return the 8 kHz samples written to {@code pcm}, or -1 if the payload cannot be decoded
         */
        int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset, int maxSamples);
    }
}
