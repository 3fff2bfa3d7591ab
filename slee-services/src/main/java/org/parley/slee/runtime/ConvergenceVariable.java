package org.parley.slee.runtime;

/**
 * The initial-event-select variables of JSLEE 1.0 that Parley supports; they make up the convergence name that
 * decides whether an initial event creates a new root SBB entity or goes to an existing one. Address profiles are
 * left out because Parley has no profile facility.
 */
public enum ConvergenceVariable {
    /** One root entity per activity (e.g. per SIP dialog). */
    ACTIVITY_CONTEXT,
    /** One root entity per address fired with the event (e.g. per address-of-record). */
    ADDRESS,
    /** One root entity per event class. */
    EVENT_TYPE,
    /** One root entity per event object: every initial event gets a fresh entity. */
    EVENT
}
