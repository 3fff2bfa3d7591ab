package org.parley.acd;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.parley.rule.RuleViolationException;
import org.parley.tenant.TenantId;
import org.parley.acd.routing.queue.OverflowTarget;
import org.parley.acd.routing.queue.RoutingStrategy;

/** A queue as the admin configures it: where interactions wait, how agents are picked, the service level goal. */
@Entity
@Table(name = "queues")
public class Queue {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private long tenantId;

    @Column(nullable = false, length = 100)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private RoutingStrategy strategy;

    @Column(name = "sla_seconds", nullable = false)
    private int slaSeconds;

    @Column(name = "sla_percent", nullable = false)
    private int slaPercent;

    @Column(name = "wrap_up_seconds", nullable = false)
    private int wrapUpSeconds;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    /** The agents whose ids are here serve this queue; its strategy chooses among them only. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "queue_members", joinColumns = @JoinColumn(name = "queue_id"))
    @Column(name = "agent_id")
    private Set<Long> members = new HashSet<>();

    @Column(name = "ring_timeout_seconds", nullable = false)
    private int ringTimeoutSeconds = 15;

    @Column(name = "missed_offers_before_pause", nullable = false)
    private int missedOffersBeforePause = 3;

    @Column(name = "max_wait_seconds")
    private Integer maxWaitSeconds;

    @Column(name = "max_size")
    private Integer maxSize;

    @Enumerated(EnumType.STRING)
    @Column(name = "overflow_kind", length = 16)
    private OverflowTarget.Kind overflowKind;

    @Column(name = "overflow_queue_id")
    private Long overflowQueueId;

    @Column(name = "aging_every_seconds")
    private Integer agingEverySeconds;

    @Column(name = "aging_step")
    private Integer agingStep;

    @Column(name = "aging_ceiling")
    private Integer agingCeiling;

    @Column(name = "chats_allowed_with_voice", nullable = false)
    private int chatsAllowedWithVoice;

    @Column(name = "chat_while_on_voice", nullable = false)
    private boolean chatWhileOnVoice;

    @Column(name = "expected_handle_seconds", nullable = false)
    private int expectedHandleSeconds = 180;

    @Column(name = "callback_attempts", nullable = false)
    private int callbackAttempts = 3;

    @Column(name = "callback_retry_seconds", nullable = false)
    private int callbackRetrySeconds = 300;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "queue_relaxation_steps", joinColumns = @JoinColumn(name = "queue_id"))
    private Set<RelaxationRule> relaxation = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "queue_open_hours", joinColumns = @JoinColumn(name = "queue_id"))
    private Set<OpeningSpan> openHours = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "queue_holidays", joinColumns = @JoinColumn(name = "queue_id"))
    @Column(name = "holiday")
    private Set<LocalDate> holidays = new HashSet<>();

    @Version
    private long version;

    protected Queue() {
    }

    public Queue(TenantId tenant, String name, RoutingStrategy strategy, ServiceLevel serviceLevel,
            Duration wrapUp, Instant createdAt) {
        this.tenantId = tenant.value();
        this.createdAt = Objects.requireNonNull(createdAt);
        this.enabled = true;
        rename(name);
        reconfigure(strategy, serviceLevel, wrapUp);
    }

    public QueueId id() {
        return new QueueId(id);
    }

    public TenantId tenant() {
        return new TenantId(tenantId);
    }

    public String name() {
        return name;
    }

    public RoutingStrategy strategy() {
        return strategy;
    }

    public ServiceLevel serviceLevel() {
        return new ServiceLevel(slaPercent, Duration.ofSeconds(slaSeconds));
    }

    public Duration wrapUp() {
        return Duration.ofSeconds(wrapUpSeconds);
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

    public void rename(String newName) {
        if (newName == null || newName.isBlank() || newName.strip().length() > 100) {
            throw new RuleViolationException("name", "queue name must be 1 to 100 characters");
        }
        this.name = newName.strip();
    }

    /** Wrap-up beyond 30 minutes is an agent parked, not wrapping up; use a pause reason for that. */
    public void reconfigure(RoutingStrategy newStrategy, ServiceLevel serviceLevel, Duration wrapUp) {
        this.strategy = Objects.requireNonNull(newStrategy, "strategy");
        this.slaPercent = serviceLevel.percent();
        this.slaSeconds = (int) serviceLevel.threshold().toSeconds();
        if (wrapUp.isNegative() || wrapUp.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new RuleViolationException("wrapUpSeconds", "wrap-up must be between 0 and 1800 seconds");
        }
        this.wrapUpSeconds = (int) wrapUp.toSeconds();
    }

    /** Ringing, overflow, relaxation, aging, mixing, callbacks and open hours; the engine's defaults if never set. */
    public QueueSettings settings() {
        return new QueueSettings(ringTimeoutSeconds, missedOffersBeforePause, Optional.ofNullable(maxWaitSeconds),
                Optional.ofNullable(maxSize), Optional.ofNullable(overflowKind),
                Optional.ofNullable(overflowQueueId).map(QueueId::new), List.copyOf(relaxation),
                Optional.ofNullable(agingEverySeconds), agingStep == null ? 0 : agingStep,
                Optional.ofNullable(agingCeiling), chatsAllowedWithVoice, chatWhileOnVoice, expectedHandleSeconds,
                callbackAttempts, callbackRetrySeconds, List.copyOf(openHours), Set.copyOf(holidays));
    }

    /**
     * Sets the routing policies. An overflow target queue must be another queue of the same tenant: the caller
     * checks that it exists (this entity sees no other); here only that it is not this queue.
     */
    public void configure(QueueSettings settings) {
        if (id != null && settings.overflowQueueId().filter(q -> q.value() == id).isPresent()) {
            throw new RuleViolationException("overflowQueueId", "a queue cannot overflow to itself");
        }
        ringTimeoutSeconds = settings.ringTimeoutSeconds();
        missedOffersBeforePause = settings.missedOffersBeforePause();
        maxWaitSeconds = settings.maxWaitSeconds().orElse(null);
        maxSize = settings.maxSize().orElse(null);
        overflowKind = settings.overflowKind().orElse(null);
        overflowQueueId = settings.overflowQueueId().map(QueueId::value).orElse(null);
        agingEverySeconds = settings.agingEverySeconds().orElse(null);
        agingStep = settings.agingEverySeconds().isPresent() ? settings.agingStep() : null;
        agingCeiling = settings.agingCeiling().orElse(null);
        chatsAllowedWithVoice = settings.chatsAllowedWithVoice();
        chatWhileOnVoice = settings.chatWhileOnVoice();
        expectedHandleSeconds = settings.expectedHandleSeconds();
        callbackAttempts = settings.callbackAttempts();
        callbackRetrySeconds = settings.callbackRetrySeconds();
        relaxation.clear();
        relaxation.addAll(settings.relaxation());
        openHours.clear();
        openHours.addAll(settings.openHours());
        holidays.clear();
        holidays.addAll(settings.holidays());
    }

    /** The member agents, in id order. */
    public Set<AgentId> members() {
        Set<AgentId> ids = new TreeSet<>((a, b) -> Long.compare(a.value(), b.value()));
        members.forEach(m -> ids.add(new AgentId(m)));
        return ids;
    }

    /** @return false if the agent was a member already */
    public boolean addMember(AgentId agent) {
        return members.add(agent.value());
    }

    /** @return false if the agent was not a member */
    public boolean removeMember(AgentId agent) {
        return members.remove(agent.value());
    }

    public void disable() {
        this.enabled = false;
    }

    public void enable() {
        this.enabled = true;
    }
}
