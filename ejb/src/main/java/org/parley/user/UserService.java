package org.parley.user;

import java.util.List;
import java.util.OptionalLong;

import org.parley.access.Caller;

/** Managing the people who log in. */
public interface UserService {

    /** @param agent the agent this user is (their portal login then speaks for that agent), or empty */
    User create(Caller caller, String username, String displayName, String email, Role role, OptionalLong agent,
            char[] password);

    User find(Caller caller, UserId id);

    List<User> list(Caller caller);

    /**
     * @param agent    the agent this user is, or empty for none
     * @param password a new password, or null to keep the current one
     */
    User update(Caller caller, UserId id, long expectedVersion, String displayName, String email, Role role,
            OptionalLong agent, char[] password, boolean enabled);

    User disable(Caller caller, UserId id);

    /** The caller a logged-in portal user acts as (the portal's principal name is the username). */
    Caller callerFor(String username);
}
