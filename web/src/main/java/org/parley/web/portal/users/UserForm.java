package org.parley.web.portal.users;

import java.util.List;
import java.util.OptionalLong;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.parley.access.NotPermittedException;
import org.parley.acd.Agent;
import org.parley.acd.AgentService;
import org.parley.rule.DuplicateEntityException;
import org.parley.rule.RuleViolationException;
import org.parley.rule.StaleVersionException;
import org.parley.rule.UnknownEntityException;
import org.parley.user.Role;
import org.parley.user.User;
import org.parley.user.UserId;
import org.parley.user.UserService;
import org.parley.web.portal.EditForm;
import org.parley.web.portal.FormMessages;
import org.parley.web.portal.agents.AgentChoices;
import org.parley.web.portal.SignedInUser;

/**
 * Creates a user, or edits one ({@code edit.xhtml?id=…}) at the version read when the page opened. The password
 * field is write-only: empty on every page, and left empty on an edit it keeps the current password.
 */
@Named
@ViewScoped
public class UserForm extends EditForm<User> {

    private static final long serialVersionUID = 1L;
    static final String FORM = "user";
    private static final String LIST = "/portal/users/index?faces-redirect=true";

    @EJB
    private UserService users;

    @EJB
    private AgentService agents;

    @Inject
    private SignedInUser signedIn;

    private String username;
    private String displayName;
    private String email;
    private Role role = Role.AGENT;
    private Long agentId;
    private String password;
    private transient List<Agent> agentChoices;

    @Override
    protected User find(long id) {
        return users.find(signedIn.caller(), new UserId(id));
    }

    @Override
    protected void show(User user) {
        id = user.id().value();
        version = user.version();
        username = user.username();
        displayName = user.displayName();
        email = user.email();
        role = user.role();
        agentId = user.agent().isPresent() ? user.agent().getAsLong() : null;
        enabled = user.isEnabled();
    }

    public String save() {
        char[] newPassword = password == null || password.isEmpty() ? null : password.toCharArray();
        password = null;
        String mail = email == null || email.isBlank() ? null : email.strip();
        try {
            User saved = id == null
                    ? users.create(signedIn.caller(), username, displayName, mail, role, agent(), newPassword)
                    : users.update(signedIn.caller(), new UserId(id), version, displayName, mail, role, agent(),
                            newPassword, enabled);
            FormMessages.done("User " + saved.username() + " saved.");
            return LIST;
        } catch (RuleViolationException | DuplicateEntityException | StaleVersionException
                | NotPermittedException | UnknownEntityException e) {
            FormMessages.refused(FORM, e);
            return null;
        }
    }

    public String disable() {
        try {
            User disabled = users.disable(signedIn.caller(), new UserId(id));
            FormMessages.done("User " + disabled.username() + " disabled; they can no longer log in.");
            return LIST;
        } catch (RuleViolationException | StaleVersionException | NotPermittedException
                | UnknownEntityException e) {
            FormMessages.refused(FORM, e);
            return null;
        }
    }

    private OptionalLong agent() {
        return agentId == null ? OptionalLong.empty() : OptionalLong.of(agentId);
    }

    /** The enabled agents a login can be bound to, by extension. */
    public List<Agent> getAgents() {
        if (agentChoices == null) {
            agentChoices = AgentChoices.of(agents, signedIn.caller(), agentId);
        }
        return agentChoices;
    }

    public Long getAgentId() {
        return agentId;
    }

    public void setAgentId(Long agentId) {
        this.agentId = agentId;
    }

    public List<Role> getRoles() {
        return List.of(Role.values());
    }

    public String getUsername() {
        return username;
    }

    /** The login name is fixed once created (the realm and the audit log know the user by it). */
    public void setUsername(String username) {
        if (id == null) {
            this.username = username;
        }
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
