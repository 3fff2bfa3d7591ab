package org.parley.slee.ra.media;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.slee.ActivityContextInterface;

import org.parley.media.control.Bridge;
import org.parley.media.control.BridgeId;
import org.parley.media.control.Endpoint;
import org.parley.media.control.EndpointId;
import org.parley.media.control.LoadReport;
import org.parley.media.control.MediaEvent;
import org.parley.media.control.MediaServer;
import org.parley.media.sdp.SdpException;
import org.parley.slee.ra.ActivityHandle;
import org.parley.slee.ra.ResourceAdaptor;
import org.parley.slee.ra.ResourceAdaptorContext;
import org.parley.slee.ra.SleeOverloadedException;
import org.parley.slee.ra.UnknownActivityException;
import org.parley.slee.ra.media.MediaActivityHandle.BridgeActivity;
import org.parley.slee.ra.media.MediaActivityHandle.EndpointActivity;

/**
 * The media resource adaptor over a media server's control API. It does not own the server: whoever starts the
 * adaptor starts and closes the server; stopping the adaptor only stops it talking to the SLEE.
 *
 * <p>Each {@link MediaEvent} is fired, as it is, on the activity of the endpoint it names; the endpoint's
 * {@link MediaEvent.EndpointClosed}, its last event, ends the activity instead, as a bridge's close ends the
 * bridge's. Events come from the media server's event thread and are only queued here; the SLEE's executor delivers
 * them. When the SLEE refuses one (saturated, or the activity's queue is full) there is nobody to answer or retry —
 * a media event has no sender — so it is counted ({@link #refusedEvents()}), logged now and then, and the media
 * thread goes on: nothing is ever thrown back into it. Ending an activity is not given up, though: a refused end is
 * retried on the scheduler, because an activity that never ends holds its SBB entities for ever.
 */
public final class MediaResourceAdaptor implements ResourceAdaptor {

    /** The entity name SBBs look the adaptor up by. */
    public static final String ENTITY_NAME = "media";

    private static final System.Logger LOG = System.getLogger(MediaResourceAdaptor.class.getName());

    /** Under overload a warning per refused event would only add to the load; one per interval says as much. */
    private static final Duration WARNING_INTERVAL = Duration.ofSeconds(10);
    /** First wait before a refused activity end is tried again; each retry waits twice as long, up to the cap. */
    private static final Duration FIRST_END_RETRY = Duration.ofMillis(100);
    /** Saturation tends to clear within seconds; a longer wait would only keep finished calls' entities longer. */
    private static final Duration MAX_END_RETRY = Duration.ofSeconds(5);

    private final MediaServer media;
    private final Map<EndpointId, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<BridgeId, Bridge> bridges = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicReference<Instant> lastWarning = new AtomicReference<>(Instant.MIN);
    private final Provider provider = new Provider();
    private volatile ResourceAdaptorContext context;

    /** @param media a started media server; the adaptor never closes it */
    public MediaResourceAdaptor(MediaServer media) {
        this.media = Objects.requireNonNull(media, "media");
    }

    @Override
    public void start(ResourceAdaptorContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** Events and closes that arrive from now on are dropped; endpoints and bridges stay open for their owner. */
    @Override
    public void stop() {
        context = null;
    }

    @Override
    public Object sbbInterface() {
        return provider;
    }

    @Override
    public void activityEnded(ActivityHandle handle) {
        if (handle instanceof EndpointActivity endpoint) {
            endpoints.remove(endpoint.endpoint());
        } else if (handle instanceof BridgeActivity bridge) {
            bridges.remove(bridge.bridge());
        }
    }

    /** Media events and activity ends the SLEE refused since the adaptor was created. */
    public long refusedEvents() {
        return refused.get();
    }

    // ---- from the media server's event thread ---------------------------------------------------------------

    private void onMediaEvent(MediaEvent event) {
        EndpointActivity handle = new EndpointActivity(event.endpoint());
        if (event instanceof MediaEvent.EndpointClosed) {
            end(handle, FIRST_END_RETRY);
        } else {
            fire(handle, event);
        }
    }

    private void onBridgeClosed(BridgeId bridge) {
        end(new BridgeActivity(bridge), FIRST_END_RETRY);
    }

    private void fire(MediaActivityHandle handle, MediaEvent event) {
        ResourceAdaptorContext current = context;
        if (current == null) {
            LOG.log(System.Logger.Level.DEBUG, "adaptor stopped: {0} dropped", event);
            return;
        }
        try {
            current.endpoint().fireEvent(handle, event, null);
        } catch (SleeOverloadedException e) {
            refused(current, event);
        } catch (UnknownActivityException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0} for an activity that is not live dropped", event);
        } catch (RuntimeException e) {
            // Whatever went wrong in the SLEE, the media thread carries on; the event is lost either way.
            LOG.log(System.Logger.Level.WARNING, "could not fire " + event, e);
        }
    }

    private void end(MediaActivityHandle handle, Duration retryAfter) {
        ResourceAdaptorContext current = context;
        if (current == null) {
            return;
        }
        try {
            current.endpoint().endActivity(handle);
        } catch (UnknownActivityException e) {
            LOG.log(System.Logger.Level.DEBUG, "activity {0} already ended or never started", handle);
        } catch (SleeOverloadedException e) {
            refused(current, "the end of " + handle);
            Duration next = retryAfter.multipliedBy(2).compareTo(MAX_END_RETRY) < 0 ? retryAfter.multipliedBy(2)
                    : MAX_END_RETRY;
            current.scheduler().schedule(current.clock().instant().plus(retryAfter), () -> end(handle, next));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not end " + handle, e);
        }
    }

    private void refused(ResourceAdaptorContext current, Object what) {
        long count = refused.incrementAndGet();
        Instant now = current.clock().instant();
        Instant last = lastWarning.get();
        if (!now.isBefore(last.plus(WARNING_INTERVAL)) && lastWarning.compareAndSet(last, now)) {
            LOG.log(System.Logger.Level.WARNING, "SLEE saturated: {0} dropped ({1} refused so far)", what, count);
        } else {
            LOG.log(System.Logger.Level.DEBUG, "SLEE saturated: {0} dropped", what);
        }
    }

    // ---- for SBBs -------------------------------------------------------------------------------------------

    private ResourceAdaptorContext running() {
        ResourceAdaptorContext current = context;
        if (current == null) {
            throw new IllegalStateException("the media resource adaptor is not started");
        }
        return current;
    }

    /** The SBB interface: activities created on the SBB's behalf, and the server's capacity. */
    private final class Provider implements MediaProvider {

        @Override
        public Endpoint createEndpoint() {
            ResourceAdaptorContext current = running();
            Endpoint endpoint = media.createEndpoint(MediaResourceAdaptor.this::onMediaEvent);
            endpoints.put(endpoint.id(), endpoint);
            try {
                current.endpoint().startActivity(new EndpointActivity(endpoint.id()), endpoint);
            } catch (RuntimeException e) {
                endpoints.remove(endpoint.id());
                endpoint.close();
                throw e;
            }
            current.whenRolledBack(endpoint::close);
            return endpoint;
        }

        @Override
        public AnsweredEndpoint answer(String remoteOffer) throws SdpException {
            Endpoint endpoint = createEndpoint();
            try {
                return new AnsweredEndpoint(endpoint, endpoint.answer(remoteOffer));
            } catch (SdpException | RuntimeException e) {
                endpoint.close();
                throw e;
            }
        }

        @Override
        public Bridge createBridge() {
            ResourceAdaptorContext current = running();
            Bridge bridge = media.createBridge(MediaResourceAdaptor.this::onBridgeClosed);
            bridges.put(bridge.id(), bridge);
            try {
                current.endpoint().startActivity(new BridgeActivity(bridge.id()), bridge);
            } catch (RuntimeException e) {
                bridges.remove(bridge.id());
                bridge.close();
                throw e;
            }
            current.whenRolledBack(bridge::close);
            return bridge;
        }

        @Override
        public ActivityContextInterface activityContextInterface(Endpoint endpoint) {
            return running().activityContextInterface(new EndpointActivity(endpoint.id()));
        }

        @Override
        public ActivityContextInterface activityContextInterface(Bridge bridge) {
            return running().activityContextInterface(new BridgeActivity(bridge.id()));
        }

        @Override
        public Optional<Endpoint> endpoint(EndpointId id) {
            return media.endpoint(id).filter(open -> endpoints.containsKey(id));
        }

        @Override
        public Optional<Bridge> bridge(BridgeId id) {
            return Optional.ofNullable(bridges.get(id));
        }

        @Override
        public boolean canAcceptCall() {
            return media.load().canAcceptCall();
        }

        @Override
        public LoadReport load() {
            return media.load();
        }
    }
}
