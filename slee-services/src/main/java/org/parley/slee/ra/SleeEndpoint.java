package org.parley.slee.ra;

import javax.slee.Address;

/**
 * The adaptor's way into the SLEE. Calls return once the event is queued on its activity; delivery happens later on
 * the runtime's executor, in the order fired for one activity.
 */
public interface SleeEndpoint {

    /**
     * Starts an activity so that events can be fired on it.
     *
     * @throws IllegalStateException if the handle is already in use
     */
    void startActivity(ActivityHandle handle, Object activity);

    /**
     * Queues an event on the activity. {@code address} takes part in initial-event selection (for SIP, the
     * request's From or To), may be null.
     *
     * @throws UnknownActivityException if the activity was never started or has ended or is ending
     * @throws SleeOverloadedException if the runtime's executor refused the work; the adaptor should shed load
     *         (SIP: 503 with Retry-After)
     */
    void fireEvent(ActivityHandle handle, Object event, Address address);

    /**
     * Ends the activity: the SBBs attached to it get an {@link javax.slee.ActivityEndEvent} after the events
     * already queued, then they are detached.
     *
     * @throws UnknownActivityException if the activity was never started or has already ended or is ending
     */
    void endActivity(ActivityHandle handle);
}
