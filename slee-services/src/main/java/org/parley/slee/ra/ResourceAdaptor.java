package org.parley.slee.ra;

/**
 * A protocol adaptor plugged into the SLEE. The runtime calls {@link #start} once when the adaptor is added, with
 * the context whose endpoint the adaptor uses from then on, and {@link #stop} when the SLEE stops.
 */
public interface ResourceAdaptor {

    void start(ResourceAdaptorContext context);

    void stop();

    /**
     * What SBBs get when they ask for this adaptor by name: the adaptor's provider (for SIP, the object that sends
     * requests and creates client transactions). JSLEE calls this the resource adaptor interface.
     */
    Object sbbInterface();

    /** The activity is over and no SBB will see it again; the adaptor may forget the handle. */
    default void activityEnded(ActivityHandle handle) {
    }

    /**
     * Every handler that saw the event committed. Lets an adaptor release what it held for the event.
     */
    default void eventProcessingSucceeded(ActivityHandle handle, Object event) {
    }

    /**
     * At least one handler's transaction rolled back (it threw, or asked for rollback). The SIP adaptor uses this
     * to send a final 500 to a request that would otherwise never be answered.
     */
    default void eventProcessingFailed(ActivityHandle handle, Object event) {
    }
}
