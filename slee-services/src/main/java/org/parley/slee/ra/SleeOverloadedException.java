package org.parley.slee.ra;

/** The runtime's bounded executor refused more work; the event was not queued. */
public class SleeOverloadedException extends RuntimeException {

    public SleeOverloadedException(Throwable cause) {
        super("SLEE event executor is saturated", cause);
    }
}
