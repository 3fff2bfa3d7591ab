package org.parley.acd;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.parley.rule.RuleViolationException;
import org.parley.tenant.TenantId;

/** An agent as the admin configures them: the extension their phone registers as, its SIP password, skills. */
@Entity
@Table(name = "agents")
public class Agent {

    private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,16}");
    /** Phones are configured by hand; shorter passwords are guessed by SIP scanners within hours. */
    public static final int MIN_SIP_PASSWORD_LENGTH = 10;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private long tenantId;

    @Column(nullable = false, length = 32)
    private String extension;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @Column(name = "sip_ha1_md5", length = 32)
    private String sipHa1Md5;

    @Column(name = "sip_ha1_sha256", length = 64)
    private String sipHa1Sha256;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "agent_skills", joinColumns = @JoinColumn(name = "agent_id"))
    private Set<Skill> skills = new HashSet<>();

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "voice_capacity", nullable = false)
    private int voiceCapacity = 1;

    @Column(name = "chat_capacity", nullable = false)
    private int chatCapacity = 3;

    @Column(name = "callback_capacity", nullable = false)
    private int callbackCapacity = 1;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Agent() {
    }

    public Agent(TenantId tenant, String extension, String displayName, Instant createdAt) {
        this.tenantId = tenant.value();
        this.extension = checkExtension(extension);
        this.displayName = checkDisplayName(displayName);
        this.enabled = true;
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    public static String checkExtension(String extension) {
        if (extension == null || !EXTENSION.matcher(extension).matches()) {
            throw new RuleViolationException("extension", "extension must be 2 to 16 digits");
        }
        return extension;
    }

    private static String checkDisplayName(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new RuleViolationException("displayName", "display name must be 1 to 200 characters");
        }
        return name.strip();
    }

    public AgentId id() {
        return new AgentId(id);
    }

    public TenantId tenant() {
        return new TenantId(tenantId);
    }

    public String extension() {
        return extension;
    }

    public String displayName() {
        return displayName;
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

    /** Whether a SIP password has been set; a phone cannot register before. */
    public boolean hasSipCredentials() {
        return sipHa1Md5 != null && sipHa1Sha256 != null;
    }

    public SipCredentials sipCredentials() {
        return new SipCredentials(sipHa1Md5, sipHa1Sha256);
    }

    public List<Skill> skills() {
        List<Skill> sorted = new ArrayList<>(skills);
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        return List.copyOf(sorted);
    }

    public void rename(String displayName) {
        this.displayName = checkDisplayName(displayName);
    }

    /** Moving an extension invalidates its digest HA1 (the username is part of it), so a new password is needed. */
    public void moveTo(String extension, String realm, char[] sipPassword) {
        this.extension = checkExtension(extension);
        setSipPassword(realm, sipPassword);
    }

    public void setSipPassword(String realm, char[] password) {
        if (password == null || password.length < MIN_SIP_PASSWORD_LENGTH) {
            throw new RuleViolationException("sipPassword",
                    "SIP password must have at least " + MIN_SIP_PASSWORD_LENGTH + " characters");
        }
        SipCredentials credentials = SipCredentials.derive(extension, realm, password);
        this.sipHa1Md5 = credentials.ha1Md5();
        this.sipHa1Sha256 = credentials.ha1Sha256();
    }

    public void replaceSkills(Collection<Skill> newSkills) {
        Set<String> names = new HashSet<>();
        for (Skill s : newSkills) {
            if (!names.add(s.name())) {
                throw new RuleViolationException("skills", "skill '" + s.name() + "' is listed twice");
            }
        }
        skills.clear();
        skills.addAll(newSkills);
    }

    /** A disabled agent's phone cannot register and is offered nothing; the agent's history stays. */
    /** How many interactions of each channel the agent may have open at once. */
    public ChannelLimits capacity() {
        return new ChannelLimits(voiceCapacity, chatCapacity, callbackCapacity);
    }

    public void changeCapacity(ChannelLimits capacity) {
        voiceCapacity = capacity.voice();
        chatCapacity = capacity.chat();
        callbackCapacity = capacity.callback();
    }

    public void disable() {
        this.enabled = false;
    }

    public void enable() {
        this.enabled = true;
    }
}
