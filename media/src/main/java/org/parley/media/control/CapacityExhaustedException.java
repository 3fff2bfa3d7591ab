package org.parley.media.control;

/** No endpoint could be created: the port range or the configured capacity is used up. */
public class CapacityExhaustedException extends RuntimeException {

    public CapacityExhaustedException(String message) {
        super(message);
    }
}
