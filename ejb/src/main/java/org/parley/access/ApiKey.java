package org.parley.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.parley.tenant.TenantId;
import org.parley.user.Role;

/**
 * A key for the REST API, bound to one tenant and a role. Only its SHA-256 is stored: the key is 256 random bits,
 * so a fast hash suffices (no dictionary to attack) and lookups stay one indexed query per request.
 */
@Entity
@Table(name = "api_keys")
public class ApiKey {

    /** Keys start with this so a leaked one is recognisable by secret scanners. */
    public static final String PREFIX = "pk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private long tenantId;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "key_prefix", nullable = false, length = 16, updatable = false)
    private String keyPrefix;

    @Column(name = "key_hash", nullable = false, length = 64, updatable = false)
    private String keyHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    /** The agent the key speaks for (an agent's desktop or CTI client); null for other keys. */
    @Column(name = "agent_id", updatable = false)
    private Long agentId;

    @Column(name = "created_by", nullable = false, length = 100, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {
    }

    private ApiKey(TenantId tenant, String name, String secret, Role role, OptionalLong agent, String createdBy,
            Instant createdAt) {
        this.tenantId = tenant.value();
        this.agentId = agent.isPresent() ? agent.getAsLong() : null;
        this.name = Objects.requireNonNull(name);
        this.keyPrefix = secret.substring(0, PREFIX.length() + 6);
        this.keyHash = hash(secret);
        this.role = Objects.requireNonNull(role);
        this.createdBy = Objects.requireNonNull(createdBy);
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    /**
     * A new key; the secret is returned once, here, and never again.
     *
     * @param agent the agent the key speaks for, or empty
     */
    public static Issued issue(TenantId tenant, String name, Role role, OptionalLong agent, String createdBy,
            Instant now) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new Issued(new ApiKey(tenant, name, secret, role, agent, createdBy, now), secret);
    }

    /** A freshly issued key and its secret, which the caller shows to the admin once. */
    public record Issued(ApiKey key, String secret) {
        @Override
        public String toString() {
            return "Issued[" + key.keyPrefix + "…]";
        }
    }

    public static String hash(String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    public ApiKeyId id() {
        return new ApiKeyId(id);
    }

    public TenantId tenant() {
        return new TenantId(tenantId);
    }

    public String name() {
        return name;
    }

    public String prefix() {
        return keyPrefix;
    }

    public Role role() {
        return role;
    }

    /** The agent this key speaks for, if it is an agent's key. */
    public OptionalLong agent() {
        return agentId == null ? OptionalLong.empty() : OptionalLong.of(agentId);
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> revokedAt() {
        return Optional.ofNullable(revokedAt);
    }

    public boolean isActive() {
        return revokedAt == null;
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    /** The identity a request made with this key acts as; named by prefix so the audit log shows which key. */
    public Caller asCaller() {
        return new Caller(tenant(), "api-key " + keyPrefix, role, agent());
    }
}
