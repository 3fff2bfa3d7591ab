package org.parley.media.control;

import java.util.Set;

/**
 * A mix of endpoints: every participant hears the sum of the others, never itself. A 1:1 call is a bridge of
 * two, a conference of more. Participants may use different codecs; the mix is done on linear PCM.
 *
 * <p>Thread-safe; changes take effect at the next 20 ms tick.
 */
public interface Bridge extends AutoCloseable {

    BridgeId id();

    /**
     * Adds the endpoint; an endpoint is in at most one bridge, so it first leaves any other.
     *
     * @throws IllegalArgumentException if the endpoint belongs to another media server
     */
    void join(Endpoint endpoint);

    /** Removes the endpoint; nothing happens if it is not a participant. */
    void leave(Endpoint endpoint);

    Set<EndpointId> participants();

    /**
     * A muted participant is not heard by the others but still hears them.
     *
     * @throws IllegalArgumentException if the endpoint is not a participant
     */
    void mute(Endpoint endpoint, boolean muted);

    /**
     * Scales what the others hear of this participant, in dB (0 = unchanged). Bounded to ±24 dB, which covers a
     * quiet handset to a hot trunk; louder settings would only clip.
     *
     * @throws IllegalArgumentException if the endpoint is not a participant
     */
    void gain(Endpoint endpoint, double decibels);

    /**
     * Records the bridge: a mono mix of all participants, or stereo with the first two participants each on their
     * own channel (first joined on the left, second on the right). Events go to the listener of
     * {@code reportTo}.
     */
    void record(RecordingRequest request, Endpoint reportTo);

    void stopRecording();

    /** Removes every participant (their endpoints stay open) and finishes any recording. Idempotent. */
    @Override
    void close();
}
