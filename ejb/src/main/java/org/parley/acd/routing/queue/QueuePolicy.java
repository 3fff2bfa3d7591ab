package org.parley.acd.routing.queue;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.parley.acd.routing.agent.MixingRule;
import org.parley.acd.routing.skill.SkillRelaxation;

/**
 * How one queue routes. Immutable; built with {@link #builder(QueueId)}, whose defaults are the documented ones:
 * longest-idle, 15 s ring timeout, 3 missed offers before an automatic pause, 10 s wrap-up, 80 % in 20 s, no
 * maximum wait or size, voice exclusive of chats, 180 s expected handle time until real ones are measured,
 * 3 callback attempts 5 minutes apart, always open.
 */
public final class QueuePolicy {

    private final QueueId id;
    private final RoutingStrategy strategy;
    private final Duration ringTimeout;
    private final int missedOffersBeforePause;
    private final Duration wrapUp;
    private final Duration serviceLevelThreshold;
    private final double serviceLevelTarget;
    private final Optional<Duration> maxWait;
    private final OptionalInt maxSize;
    private final Optional<OverflowTarget> overflow;
    private final SkillRelaxation relaxation;
    private final PriorityAging aging;
    private final MixingRule mixing;
    private final Duration expectedHandleTime;
    private final int callbackAttempts;
    private final Duration callbackRetryDelay;
    private final OpenHours openHours;

    private QueuePolicy(Builder b) {
        id = b.id;
        strategy = b.strategy;
        ringTimeout = positive(b.ringTimeout, "ring timeout");
        if (b.missedOffersBeforePause < 1) {
            throw new IllegalArgumentException("missed offers before pause must be at least 1");
        }
        missedOffersBeforePause = b.missedOffersBeforePause;
        if (b.wrapUp.isNegative()) {
            throw new IllegalArgumentException("wrap-up cannot be negative");
        }
        wrapUp = b.wrapUp;
        serviceLevelThreshold = positive(b.serviceLevelThreshold, "service-level threshold");
        serviceLevelTarget = b.serviceLevelTarget;
        maxWait = b.maxWait;
        maxSize = b.maxSize;
        overflow = b.overflow;
        openHours = b.openHours;
        if ((maxWait.isPresent() || maxSize.isPresent() || !openHours.isAlways()) && overflow.isEmpty()) {
            throw new IllegalArgumentException("queue " + id + " turns customers away but names no overflow target");
        }
        relaxation = b.relaxation;
        aging = b.aging;
        mixing = b.mixing;
        expectedHandleTime = positive(b.expectedHandleTime, "expected handle time");
        if (b.callbackAttempts < 1) {
            throw new IllegalArgumentException("a callback needs at least one attempt");
        }
        callbackAttempts = b.callbackAttempts;
        callbackRetryDelay = positive(b.callbackRetryDelay, "callback retry delay");
    }

    private static Duration positive(Duration d, String what) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
        return d;
    }

    public static Builder builder(QueueId id) {
        return new Builder(id);
    }

    public QueueId id() {
        return id;
    }

    public RoutingStrategy strategy() {
        return strategy;
    }

    public Duration ringTimeout() {
        return ringTimeout;
    }

    public int missedOffersBeforePause() {
        return missedOffersBeforePause;
    }

    public Duration wrapUp() {
        return wrapUp;
    }

    public Duration serviceLevelThreshold() {
        return serviceLevelThreshold;
    }

    public double serviceLevelTarget() {
        return serviceLevelTarget;
    }

    public Optional<Duration> maxWait() {
        return maxWait;
    }

    public OptionalInt maxSize() {
        return maxSize;
    }

    public Optional<OverflowTarget> overflow() {
        return overflow;
    }

    public SkillRelaxation relaxation() {
        return relaxation;
    }

    public PriorityAging aging() {
        return aging;
    }

    public MixingRule mixing() {
        return mixing;
    }

    public Duration expectedHandleTime() {
        return expectedHandleTime;
    }

    public int callbackAttempts() {
        return callbackAttempts;
    }

    public Duration callbackRetryDelay() {
        return callbackRetryDelay;
    }

    public OpenHours openHours() {
        return openHours;
    }

    /** Collects a policy's settings; every one has a default. */
    public static final class Builder {
        private final QueueId id;
        private RoutingStrategy strategy = RoutingStrategy.LONGEST_IDLE;
        private Duration ringTimeout = Duration.ofSeconds(15);
        private int missedOffersBeforePause = 3;
        private Duration wrapUp = Duration.ofSeconds(10);
        private Duration serviceLevelThreshold = Duration.ofSeconds(20);
        private double serviceLevelTarget = 0.8;
        private Optional<Duration> maxWait = Optional.empty();
        private OptionalInt maxSize = OptionalInt.empty();
        private Optional<OverflowTarget> overflow = Optional.empty();
        private SkillRelaxation relaxation = SkillRelaxation.none();
        private PriorityAging aging = PriorityAging.none();
        private MixingRule mixing = MixingRule.exclusiveVoice();
        private Duration expectedHandleTime = Duration.ofSeconds(180);
        private int callbackAttempts = 3;
        private Duration callbackRetryDelay = Duration.ofMinutes(5);
        private OpenHours openHours = OpenHours.always();

        private Builder(QueueId id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        public Builder strategy(RoutingStrategy value) {
            strategy = Objects.requireNonNull(value);
            return this;
        }

        public Builder ringTimeout(Duration value) {
            ringTimeout = Objects.requireNonNull(value);
            return this;
        }

        public Builder missedOffersBeforePause(int value) {
            missedOffersBeforePause = value;
            return this;
        }

        public Builder wrapUp(Duration value) {
            wrapUp = Objects.requireNonNull(value);
            return this;
        }

        public Builder serviceLevel(double target, Duration threshold) {
            serviceLevelTarget = target;
            serviceLevelThreshold = Objects.requireNonNull(threshold);
            return this;
        }

        public Builder maxWait(Duration value) {
            maxWait = Optional.of(value);
            return this;
        }

        public Builder maxSize(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("max size cannot be negative");
            }
            maxSize = OptionalInt.of(value);
            return this;
        }

        public Builder overflowTo(OverflowTarget value) {
            overflow = Optional.of(value);
            return this;
        }

        public Builder relaxation(SkillRelaxation value) {
            relaxation = Objects.requireNonNull(value);
            return this;
        }

        public Builder aging(PriorityAging value) {
            aging = Objects.requireNonNull(value);
            return this;
        }

        public Builder mixing(MixingRule value) {
            mixing = Objects.requireNonNull(value);
            return this;
        }

        public Builder expectedHandleTime(Duration value) {
            expectedHandleTime = Objects.requireNonNull(value);
            return this;
        }

        public Builder callbackRetries(int attempts, Duration delay) {
            callbackAttempts = attempts;
            callbackRetryDelay = Objects.requireNonNull(delay);
            return this;
        }

        public Builder openHours(OpenHours value) {
            openHours = Objects.requireNonNull(value);
            return this;
        }

        public QueuePolicy build() {
            return new QueuePolicy(this);
        }
    }
}
