package org.parley.sip.call;

/**
 * The event cannot happen to a call in this state, e.g. a BYE from a callee that never answered. Either the SBB fed
 * something it should not have, or the SIP stack let through what it should have answered itself; the SBB answers
 * the request it holds, if any, with 500 so no request goes unanswered.
 */
public final class IllegalCallTransitionException extends IllegalStateException {

    private final CallState state;
    private final CallEvent.Kind event;

    public IllegalCallTransitionException(CallState state, CallEvent.Kind event) {
        super("a call cannot take " + event + " while " + state);
        this.state = state;
        this.event = event;
    }

    public CallState state() {
        return state;
    }

    public CallEvent.Kind event() {
        return event;
    }
}
