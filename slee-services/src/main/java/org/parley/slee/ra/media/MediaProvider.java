package org.parley.slee.ra.media;

import java.util.Optional;

import javax.slee.ActivityContextInterface;

import org.parley.media.control.Bridge;
import org.parley.media.control.BridgeId;
import org.parley.media.control.CapacityExhaustedException;
import org.parley.media.control.Endpoint;
import org.parley.media.control.EndpointId;
import org.parley.media.control.LoadReport;
import org.parley.media.sdp.SdpException;

/**
 * What SBBs get from the media adaptor. Endpoints and bridges are created here and started as activities; the
 * activity objects are the control API's own {@link Endpoint} and {@link Bridge}, so an SBB plays, records, collects
 * digits and joins on them directly. Their results arrive as {@link org.parley.media.control.MediaEvent}s on the
 * endpoint's activity (a bridge recording's on the endpoint it reports to), and closing an endpoint or bridge ends
 * its activity once its last event is delivered. Something created in a handler that rolls back is closed again,
 * since the SBB's record of it is rolled back too.
 *
 * <p>An SBB keeps {@link EndpointId}s and {@link BridgeId}s in CMP fields and finds the objects with
 * {@link #endpoint} and {@link #bridge}.
 */
public interface MediaProvider {

    /**
     * Allocates an endpoint to make an offer with: send its {@link Endpoint#localDescription()} and give the peer's
     * answer to {@link Endpoint#acceptAnswer}.
     *
     * @throws CapacityExhaustedException if the media server has no port pair or endpoint slot free (SIP: 503)
     */
    Endpoint createEndpoint();

    /**
     * Allocates an endpoint answering the peer's offer. When the offer cannot be used the endpoint is closed again
     * before the exception reaches the caller.
     *
     * @throws org.parley.media.sdp.SdpParseException if the offer cannot be parsed (SIP: 400)
     * @throws org.parley.media.sdp.SdpNegotiationException if it shares no codec with the media server (SIP: 488)
     * @throws CapacityExhaustedException if the media server has no port pair or endpoint slot free (SIP: 503)
     */
    AnsweredEndpoint answer(String remoteOffer) throws SdpException;

    /** Creates an empty bridge: two endpoints for a call, more for a conference. */
    Bridge createBridge();

    /**
     * The activity context of an endpoint this adaptor created, for the SBB to attach to.
     *
     * @throws org.parley.slee.ra.UnknownActivityException if the endpoint is not one of this adaptor's live
     *         activities (say, its activity has ended)
     */
    ActivityContextInterface activityContextInterface(Endpoint endpoint);

    /**
     * The activity context of a bridge this adaptor created, for the SBB to attach to.
     *
     * @throws org.parley.slee.ra.UnknownActivityException if the bridge is not one of this adaptor's live activities
     */
    ActivityContextInterface activityContextInterface(Bridge bridge);

    /** An open endpoint this adaptor created. */
    Optional<Endpoint> endpoint(EndpointId id);

    /** A bridge this adaptor created whose activity has not ended. */
    Optional<Bridge> bridge(BridgeId id);

    /**
     * Whether the media server can take another call (two endpoints) without degrading the calls it carries; call
     * control answers a new call 503 when not. {@link #load()} has the figures behind it.
     */
    boolean canAcceptCall();

    LoadReport load();
}
