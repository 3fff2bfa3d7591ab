package org.parley.acd.routing.agent;

/**
 * The ways an agent is reached, each of which can be lost on its own: the phone (its SIP registration) and the
 * desktop (its push connection). An agent is offered work only while none is lost.
 */
public enum Contact {
    /** The agent's phone: lost when its last registration binding goes (unregistered or expired). */
    PHONE,
    /**
     * The agent's desktop: lost when the last push connection the agent opened closes. An agent who never opened one
     * (a hardphone and a CTI client only) never loses it; logging in forgets a loss (the agent says they are there).
     */
    DESKTOP
}
