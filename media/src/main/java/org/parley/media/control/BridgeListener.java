package org.parley.media.control;

/**
 * Told when a bridge closes, whether call control closed it or the server did on shutdown, so whoever tracks bridges
 * (the media resource adaptor ends the bridge's activity) can forget it. Called once, from the event thread like
 * {@link MediaListener}, never from the media clock; an exception thrown here is logged and changes nothing.
 * A bridge recording's outcome is not reported here but to the endpoint named in {@link Bridge#record}.
 */
@FunctionalInterface
public interface BridgeListener {

    void closed(BridgeId bridge);
}
