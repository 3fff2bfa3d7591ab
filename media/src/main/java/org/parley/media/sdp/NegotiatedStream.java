package org.parley.media.sdp;

import java.util.OptionalInt;

import org.parley.media.codec.AudioCodec;
import org.parley.media.control.MediaDirection;

/**
 * What offer/answer agreed for the audio stream: where to send, in which codec and payload types, and in which
 * direction.
 *
 * @param remoteAddress where the peer wants RTP; {@code 0.0.0.0} for an RFC 2543-style hold
 * @param payloadType the payload type number both sides use for {@code codec}
 * @param codecParameters the peer's {@code a=fmtp} parameters for the codec ("" if none), e.g. Opus's
 *     {@code useinbandfec=1}
 * @param telephoneEventPayloadType the RFC 4733 payload type, if both sides support it
 * @param comfortNoisePayloadType the RFC 3389 comfort-noise payload type, if both sides support it
 * @param remotePtime the packetization time the peer asked to receive, in ms (20 if it did not say)
 * @param packetMillis the packet time we send: the peer's {@code a=ptime} within its {@code a=maxptime}, as
 *     near as we can packetize it (10 to 60 ms in steps of 10)
 * @param direction what this side does: e.g. {@code SENDONLY} while the peer holds us with {@code recvonly}
 */
public record NegotiatedStream(String remoteAddress, int remotePort, AudioCodec codec, int payloadType,
                               String codecParameters,
                               OptionalInt telephoneEventPayloadType, OptionalInt comfortNoisePayloadType,
                               int remotePtime, int packetMillis,
                               MediaDirection direction) {
}
