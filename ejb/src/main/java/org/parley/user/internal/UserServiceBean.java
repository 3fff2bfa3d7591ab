package org.parley.user.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.parley.access.Caller;
import org.parley.access.NotPermittedException;
import org.parley.acd.AgentBinding;
import org.parley.acd.AgentRepository;
import org.parley.event.DomainEvent;
import org.parley.event.EventLog;
import org.parley.rule.DuplicateEntityException;
import org.parley.rule.RuleViolationException;
import org.parley.rule.StaleVersionException;
import org.parley.rule.UnknownEntityException;
import org.parley.user.PasswordHash;
import org.parley.user.Role;
import org.parley.user.User;
import org.parley.user.UserId;
import org.parley.user.UserRepository;
import org.parley.user.UserService;

@Stateless
public class UserServiceBean implements UserService {

    private static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._@-]{1,99}");
    /** NIST SP 800-63B's floor for memorised secrets. */
    static final int MIN_PASSWORD_LENGTH = 12;

    @Inject
    private UserRepository users;

    @EJB
    private EventLog events;

    @Inject
    private Clock clock;

    @Inject
    private AgentRepository agents;

    @Override
    public User create(Caller caller, String username, String displayName, String email, Role role,
            OptionalLong agent, char[] password) {
        caller.requireAdmin();
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new RuleViolationException("username",
                    "username must be 2-100 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        }
        requireDisplayName(displayName);
        users.findByUsername(username).ifPresent(u -> {
            throw new DuplicateEntityException("username", "username " + username + " is taken");
        });
        requireFreeAgent(caller, role, agent, null);
        User user = new User(caller.tenant(), username, displayName.strip(), email, role, hash(password),
                clock.instant());
        user.speakFor(agent);
        users.store(user);
        publish(caller, "UserCreated", user, true);
        return user;
    }

    @Override
    public User find(Caller caller, UserId id) {
        caller.requireSupervisorOrAdmin();
        return users.find(caller.tenant(), id).orElseThrow(() -> new UnknownEntityException("user", id));
    }

    @Override
    public List<User> list(Caller caller) {
        caller.requireSupervisorOrAdmin();
        return users.list(caller.tenant());
    }

    @Override
    public User update(Caller caller, UserId id, long expectedVersion, String displayName, String email, Role role,
            OptionalLong agent, char[] password, boolean enabled) {
        caller.requireAdmin();
        User user = users.find(caller.tenant(), id).orElseThrow(() -> new UnknownEntityException("user", id));
        if (user.version() != expectedVersion) {
            throw new StaleVersionException("user", id, expectedVersion, user.version());
        }
        requireDisplayName(displayName);
        if (user.username().equals(caller.name()) && (!enabled || role != Role.ADMIN)) {
            // An admin who demotes or disables themself can lock the tenant out of its own portal.
            throw new RuleViolationException(enabled ? "role" : "enabled",
                    "you cannot remove your own admin access");
        }
        requireFreeAgent(caller, role, agent, user);
        user.rename(displayName.strip(), email);
        user.assignRole(role);
        user.speakFor(agent);
        if (password != null) {
            user.changePassword(hash(password));
        }
        if (enabled) {
            user.enable();
        } else {
            user.disable();
        }
        users.store(user);
        publish(caller, "UserChanged", user, password != null);
        return user;
    }

    @Override
    public User disable(Caller caller, UserId id) {
        User user = find(caller, id);
        return update(caller, id, user.version(), user.displayName(), user.email(), user.role(), user.agent(), null,
                false);
    }

    @Override
    public Caller callerFor(String username) {
        User user = users.findByUsername(username).filter(User::isEnabled)
                .orElseThrow(() -> new NotPermittedException("no enabled user " + username));
        return new Caller(user.tenant(), user.username(), user.role(), user.agent());
    }

    /** The agent must be a live agent of the tenant that no other user is bound to already. */
    private void requireFreeAgent(Caller caller, Role role, OptionalLong agent, User self) {
        AgentBinding.require(agents, caller.tenant(), role, agent, false, "a login");
        if (agent.isPresent()) {
            users.findByAgent(caller.tenant(), agent.getAsLong()).filter(other -> self == null
                    || !other.id().equals(self.id())).ifPresent(other -> {
                        throw new DuplicateEntityException("agentId", "agent " + agent.getAsLong()
                                + " already has a login: " + other.username());
                    });
        }
    }

    private static void requireDisplayName(String displayName) {
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            throw new RuleViolationException("displayName", "display name must be 1 to 200 characters");
        }
    }

    private static PasswordHash hash(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new RuleViolationException("password",
                    "password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        return PasswordHash.of(password);
    }

    private void publish(Caller caller, String type, User user, boolean passwordChanged) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("username", user.username());
        details.put("role", user.role().name());
        details.put("enabled", Boolean.toString(user.isEnabled()));
        details.put("agent", user.agent().isPresent() ? Long.toString(user.agent().getAsLong()) : "");
        details.put("passwordChanged", Boolean.toString(passwordChanged));
        events.append(DomainEvent.of(caller.tenant(), clock.instant(), type, "user", user.id(), caller.name(),
                details));
    }
}
