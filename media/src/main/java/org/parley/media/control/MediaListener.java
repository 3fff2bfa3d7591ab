package org.parley.media.control;

/**
 * Receives an endpoint's events. Called from an event thread, never from the media clock, one event at a time per
 * endpoint and in order; an exception thrown here is logged and does not affect the call.
 */
@FunctionalInterface
public interface MediaListener {

    void onEvent(MediaEvent event);
}
