package org.parley.rule;

/** The step is not possible in the current state, e.g. "ready" while busy; the message names the state (409). */
public class StateConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StateConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
