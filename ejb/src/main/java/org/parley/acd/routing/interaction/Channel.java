package org.parley.acd.routing.interaction;

/** How the customer is reached; decides which per-agent capacity an interaction uses. */
public enum Channel {
    VOICE,
    CHAT,
    /** An outbound call placed for a customer who asked to be called back instead of waiting on the line. */
    CALLBACK;

    /** Voice and callbacks both occupy the agent's headset, so mixing rules treat them alike. */
    public boolean occupiesHeadset() {
        return this != CHAT;
    }
}
