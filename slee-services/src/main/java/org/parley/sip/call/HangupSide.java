package org.parley.sip.call;

/** Who ended a call, as the call record reports it. */
public enum HangupSide {
    /** The caller hung up, cancelled while it rang, or sent BYE. */
    CALLER,
    /** The callee hung up, or every phone of the callee refused the call. */
    CALLEE,
    /** Parley ended it: unknown or unregistered callee, no answer in time, missing ACK, media failure. */
    SYSTEM
}
