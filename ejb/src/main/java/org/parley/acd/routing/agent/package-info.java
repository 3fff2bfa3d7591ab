/**
 * An agent as the router sees them: the state machine (logged out, available, reserved, busy, wrap-up, paused) as
 * an explicit transition table, per-channel capacity, mixing rules, and the live session the engine feeds.
 */
package org.parley.acd.routing.agent;
