package org.parley.web.portal.users;

import org.parley.user.User;

/** One line of the users list. */
public record UserRow(long id, String username, String displayName, String email, String role, boolean enabled) {

    static UserRow of(User user) {
        return new UserRow(user.id().value(), user.username(), user.displayName(),
                user.email() == null ? "" : user.email(), user.role().name(), user.isEnabled());
    }
}
