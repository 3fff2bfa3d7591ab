package org.parley.user;

/** What a user may do: administer the tenant, supervise agents and queues, or take interactions. */
public enum Role {
    ADMIN, SUPERVISOR, AGENT
}
