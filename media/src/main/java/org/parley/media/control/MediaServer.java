package org.parley.media.control;

import java.util.Optional;

/**
 * A media server: a pool of RTP endpoints driven by one media clock, and the bridges that mix them.
 *
 * <p>Thread-safe. Methods return quickly and never block on the network or the disk; results of long-running
 * operations (prompts, recordings, digit collection) arrive as {@link MediaEvent}s on the endpoint's
 * {@link MediaListener}, delivered off the media clock so a slow listener cannot make audio late.
 *
 * <p>Call control should consult {@link #load()} before accepting a call and answer {@code 503} when
 * {@link LoadReport#canAcceptCall()} is false, rather than let the quality of every call already up degrade.
 */
public interface MediaServer extends AutoCloseable {

    /**
     * Allocates an RTP endpoint (an even RTP port and the odd RTCP port above it) and returns it with its local
     * SDP offer available from {@link Endpoint#localDescription()}.
     *
     * @param listener receives this endpoint's events, in the order they happened
     * @throws CapacityExhaustedException if no port pair or endpoint slot is free
     */
    Endpoint createEndpoint(MediaListener listener);

    /** The endpoint with this id, if it exists and has not been closed. */
    Optional<Endpoint> endpoint(EndpointId id);

    /** Creates an empty bridge; a 1:1 call is a bridge of two endpoints, a conference one of more. */
    default Bridge createBridge() {
        return createBridge(bridge -> { });
    }

    /**
     * Creates an empty bridge and tells {@code listener} when it closes (see {@link BridgeListener}).
     *
     * @throws IllegalStateException if the server is closed
     */
    Bridge createBridge(BridgeListener listener);

    /** A snapshot of how busy this server is, for admission control and least-loaded node selection. */
    LoadReport load();

    /** Closes every endpoint and bridge (finishing their recordings) and releases the media clock's threads. */
    @Override
    void close();
}
