package org.parley.acd.routing.event;

/**
 * Where the router's events go. Called on the engine's writer thread, so implementations hand events off (e.g. to a
 * batching event-log writer) rather than block the decision path.
 */
@FunctionalInterface
public interface RoutingEventSink {

    void publish(RoutingEvent event);
}
