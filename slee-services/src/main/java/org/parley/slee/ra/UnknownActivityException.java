package org.parley.slee.ra;

/** The handle names no live activity: it was never started, or it ended (or is ending). */
public class UnknownActivityException extends RuntimeException {

    public UnknownActivityException(ActivityHandle handle) {
        super("no live activity for " + handle);
    }
}
