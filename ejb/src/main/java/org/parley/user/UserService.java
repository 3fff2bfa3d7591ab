package org.parley.user;

import java.util.List;

import org.parley.access.Caller;

/** Managing the people who log in. */
public interface UserService {

    User create(Caller caller, String username, String displayName, String email, Role role, char[] password);

    User find(Caller caller, UserId id);

    List<User> list(Caller caller);

    /** @param password a new password, or null to keep the current one */
    User update(Caller caller, UserId id, long expectedVersion, String displayName, String email, Role role,
            char[] password, boolean enabled);

    User disable(Caller caller, UserId id);

    /** The caller a logged-in portal user acts as (the portal's principal name is the username). */
    Caller callerFor(String username);
}
