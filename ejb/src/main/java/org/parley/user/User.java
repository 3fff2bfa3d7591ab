package org.parley.user;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.parley.tenant.TenantId;

/** A person who logs in: an administrator, a supervisor or an agent. */
@Entity
@Table(name = "users")
public class User {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private long tenantId;

    @Column(nullable = false, length = 100, updatable = false)
    private String username;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @Column(length = 254)
    private String email;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    /** The agent this person is, if they take calls and chats: their login then speaks for that agent. */
    @Column(name = "agent_id")
    private Long agentId;

    @Column(name = "password_hash", nullable = false, length = 64)
    private String passwordHash;

    @Column(name = "password_salt", nullable = false, length = 64)
    private String passwordSalt;

    @Column(name = "password_iterations", nullable = false)
    private int passwordIterations;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected User() {
    }

    public User(TenantId tenant, String username, String displayName, String email, Role role,
            PasswordHash password, Instant createdAt) {
        this.tenantId = tenant.value();
        this.username = Objects.requireNonNull(username);
        this.displayName = Objects.requireNonNull(displayName);
        this.email = email;
        this.role = Objects.requireNonNull(role);
        this.enabled = true;
        this.createdAt = Objects.requireNonNull(createdAt);
        changePassword(password);
    }

    public UserId id() {
        return new UserId(id);
    }

    public TenantId tenant() {
        return new TenantId(tenantId);
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public String email() {
        return email;
    }

    public Role role() {
        return role;
    }

    public OptionalLong agent() {
        return agentId == null ? OptionalLong.empty() : OptionalLong.of(agentId);
    }

    /** Binds this person to the agent they are, or unbinds them (empty). */
    public void speakFor(OptionalLong agent) {
        this.agentId = agent.isPresent() ? agent.getAsLong() : null;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }

    public PasswordHash password() {
        return new PasswordHash(passwordHash, passwordSalt, passwordIterations);
    }

    public void rename(String displayName, String email) {
        this.displayName = Objects.requireNonNull(displayName);
        this.email = email;
    }

    public void assignRole(Role role) {
        this.role = Objects.requireNonNull(role);
    }

    public void changePassword(PasswordHash password) {
        this.passwordHash = password.hash();
        this.passwordSalt = password.salt();
        this.passwordIterations = password.iterations();
    }

    /** A disabled user cannot log in (the realm's query selects enabled users only); history keeps the row. */
    public void disable() {
        this.enabled = false;
    }

    public void enable() {
        this.enabled = true;
    }
}
