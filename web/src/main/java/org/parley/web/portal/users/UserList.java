package org.parley.web.portal.users;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.parley.user.UserService;
import org.parley.web.portal.SignedInUser;

@Named
@RequestScoped
public class UserList {

    @EJB
    private UserService users;

    @Inject
    private SignedInUser user;

    private List<UserRow> rows;

    public List<UserRow> getRows() {
        if (rows == null) {
            rows = users.list(user.caller()).stream().map(UserRow::of).toList();
        }
        return rows;
    }
}
