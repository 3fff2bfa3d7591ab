package org.parley.acd.routing.agent;

/**
 * The agent's load once an event has taken effect. With chats an agent can be ringing for one interaction while
 * handling others, so the same event can lead to different states; naming the load makes the table deterministic.
 */
public enum Workload {
    /** Nothing ringing, nothing open. */
    NONE,
    /** An offer is ringing (other interactions may be open). */
    RINGING,
    /** At least one interaction open, nothing ringing. */
    HANDLING
}
