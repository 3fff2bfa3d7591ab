package org.parley.media.control;

import java.net.InetAddress;
import java.time.Duration;

import org.parley.media.sdp.SdpException;

/**
 * One RTP stream between the media server and a peer (a phone, a trunk): one leg of a call.
 *
 * <p>Thread-safe. Offer/answer follows RFC 3264: either call {@link #answer(String)} with the peer's offer, or
 * send {@link #localDescription()} as an offer and then call {@link #acceptAnswer(String)} with the peer's answer.
 * Re-INVITEs (hold, resume) apply a new remote description the same way.
 */
public interface Endpoint extends AutoCloseable {

    EndpointId id();

    /**
     * The local session description: the offer before any remote description was applied, otherwise the latest
     * answer or offer this endpoint produced.
     */
    String localDescription();

    /**
     * Applies the peer's offer and returns the answer to send back.
     *
     * @throws SdpException if the offer cannot be parsed (the SIP side answers 400) or shares no codec with us (488)
     */
    String answer(String remoteOffer) throws SdpException;

    /**
     * Whether {@link #answer(String)} would accept this offer (it parses and shares a codec with us), without
     * applying it: a re-INVITE the endpoint cannot answer is refused before the call's state changes.
     */
    boolean canAnswer(String remoteOffer);

    /**
     * Applies the peer's answer to the offer from {@link #localDescription()}.
     *
     * @throws SdpException if the answer cannot be parsed or selects nothing we offered
     * @throws IllegalStateException if no offer of ours is waiting for an answer
     */
    void acceptAnswer(String remoteAnswer) throws SdpException;

    /**
     * Names the addresses, besides the one in the peer's SDP {@code c=} line, whose RTP may set where this endpoint
     * sends (the symmetric RTP latch): call control passes the leg's SIP source, since a phone behind NAT signals its
     * private address but sends from its NAT's public one, the same address its SIP comes from. Replaces the set given
     * before. Packets from every other address are still dropped and never latch (the "RTP Bleed" attack), and
     * nothing latches while the peer signals no address (c=0.0.0.0 or port 0).
     */
    void allowLatchFrom(InetAddress... sources);

    /**
     * Sets the direction this endpoint sends and receives in, e.g. {@link MediaDirection#SENDONLY} to put the peer
     * on hold, and makes a new offer carrying it: send {@link #localDescription()} in the re-INVITE and pass the
     * answer to {@link #acceptAnswer(String)}. Calling it with the current direction makes a fresh offer, as a
     * re-INVITE without SDP needs. RTP timeouts are not raised while not receiving.
     */
    void direction(MediaDirection direction);

    MediaDirection direction();

    /**
     * Plays a prompt list to the peer, replacing whatever was playing; {@link MediaEvent.PlayCompleted} follows when
     * it ends or is stopped. While a bridge feeds this endpoint, the prompt is heard instead of the bridge.
     */
    void play(PlayRequest request);

    /** Stops the current prompt list, if any; its {@link MediaEvent.PlayCompleted} says it was stopped. */
    void stopPlaying();

    /**
     * Records this leg to a WAV file: both directions mixed (mono), or the peer on the left channel and what we send
     * it on the right (stereo). Ends with {@link MediaEvent.RecordingCompleted} or {@link MediaEvent.RecordingFailed};
     * never fails the call. To record a bridged call party by party, use {@link Bridge#record}.
     */
    void record(RecordingRequest request);

    /** Finishes the current recording, if any. */
    void stopRecording();

    /**
     * Starts collecting digits (RFC 4733 or in-band); {@link MediaEvent.DigitsCollected} follows. Every digit is
     * also reported on its own as {@link MediaEvent.DigitReceived}, collecting or not.
     */
    void collectDigits(DigitCollection collection);

    /**
     * Sends a DTMF digit to the peer as RFC 4733 telephone-events if negotiated (after any event still being sent,
     * each whole with its end packets; the duration to the timestamp unit), otherwise as in-band tones.
     */
    void sendDtmf(char digit, Duration duration);

    /** The quality figures of this endpoint's streams so far. */
    StreamStats stats();

    /** Releases the ports, leaves any bridge, finishes any recording. Idempotent. */
    @Override
    void close();
}
