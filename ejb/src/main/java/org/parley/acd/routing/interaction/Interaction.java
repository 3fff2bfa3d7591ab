package org.parley.acd.routing.interaction;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.parley.acd.routing.skill.RequiredSkill;

/**
 * One customer contact in the router. Its enqueue time never changes once set, which is what lets a callback keep
 * the place its caller earned on the line and lets a timed-out offer go back to the head of the line. Who it rang
 * and who took it are recorded by the offers, not here, so there is one source of truth for that.
 */
public final class Interaction {

    private final InteractionId id;
    private final Channel channel;
    private final CustomerIdentity customer;
    private final int priority;
    private final List<RequiredSkill> requiredSkills;
    private final Instant enqueuedAt;
    private final Optional<InteractionId> callbackFor;
    private InteractionStatus status = InteractionStatus.WAITING;
    private Instant connectedAt;
    private int unansweredAttempts;

    private Interaction(InteractionId id, Channel channel, CustomerIdentity customer, int priority,
                        List<RequiredSkill> requiredSkills, Instant enqueuedAt, Optional<InteractionId> callbackFor) {
        this.id = Objects.requireNonNull(id, "id");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.customer = Objects.requireNonNull(customer, "customer");
        this.priority = priority;
        this.requiredSkills = List.copyOf(requiredSkills);
        this.enqueuedAt = Objects.requireNonNull(enqueuedAt, "enqueuedAt");
        this.callbackFor = callbackFor;
    }

    /** A customer arriving now. Higher priority is served first. */
    public static Interaction arriving(InteractionId id, Channel channel, CustomerIdentity customer, int priority,
                                       List<RequiredSkill> requiredSkills, Instant now) {
        return new Interaction(id, channel, customer, priority, requiredSkills, now, Optional.empty());
    }

    /**
     * An interaction a previous run of the router left waiting (a callback, after a restart), with its original id
     * and enqueue time so it keeps its place.
     */
    public static Interaction restored(InteractionId id, Channel channel, CustomerIdentity customer, int priority,
                                       List<RequiredSkill> requiredSkills, Instant enqueuedAt,
                                       Optional<InteractionId> callbackFor) {
        return new Interaction(id, channel, customer, priority, requiredSkills, enqueuedAt, callbackFor);
    }

    /**
     * The callback that replaces this waiting interaction. It inherits the original enqueue time, priority and
     * skills, so a caller who hung up to be called back loses no place to callers who arrived after them.
     */
    public Interaction callbackTo(InteractionId callbackId, CustomerIdentity number) {
        requireStatus(EnumSet.of(InteractionStatus.WAITING, InteractionStatus.OFFERED), "become a callback");
        status = InteractionStatus.REPLACED_BY_CALLBACK;
        return new Interaction(callbackId, Channel.CALLBACK, number, priority, requiredSkills, enqueuedAt,
                Optional.of(id));
    }

    public void offered() {
        requireStatus(EnumSet.of(InteractionStatus.WAITING), "be offered");
        status = InteractionStatus.OFFERED;
    }

    /** Every offer ended without an answer: back in line, at the place its enqueue time gives it. */
    public void backInLine() {
        requireStatus(EnumSet.of(InteractionStatus.OFFERED), "go back in line");
        status = InteractionStatus.WAITING;
    }

    public void connected(Instant now) {
        requireStatus(EnumSet.of(InteractionStatus.OFFERED), "connect");
        status = InteractionStatus.CONNECTED;
        connectedAt = now;
    }

    public void completed() {
        requireStatus(EnumSet.of(InteractionStatus.CONNECTED), "complete");
        status = InteractionStatus.COMPLETED;
    }

    public void abandoned() {
        requireStatus(EnumSet.of(InteractionStatus.WAITING, InteractionStatus.OFFERED,
                InteractionStatus.AWAITING_RETRY), "be abandoned");
        status = InteractionStatus.ABANDONED;
    }

    /**
     * The agent placed this callback and the customer did not answer.
     *
     * @return the number of unanswered attempts so far
     */
    public int callbackNotAnswered(int maxAttempts) {
        if (channel != Channel.CALLBACK) {
            throw new IllegalInteractionTransitionException(id, status, "record a callback attempt on a " + channel);
        }
        requireStatus(EnumSet.of(InteractionStatus.CONNECTED), "record an unanswered callback");
        unansweredAttempts++;
        status = unansweredAttempts >= maxAttempts ? InteractionStatus.CALLBACK_FAILED
                : InteractionStatus.AWAITING_RETRY;
        return unansweredAttempts;
    }

    /** The retry delay of an unanswered callback is over: it waits for an agent again, at its original place. */
    public void retryDue() {
        requireStatus(EnumSet.of(InteractionStatus.AWAITING_RETRY), "retry");
        status = InteractionStatus.WAITING;
    }

    public void overflowed() {
        requireStatus(EnumSet.of(InteractionStatus.WAITING), "overflow");
        status = InteractionStatus.OVERFLOWED;
    }

    public Duration waitedUntil(Instant now) {
        return Duration.between(enqueuedAt, now);
    }

    private void requireStatus(Set<InteractionStatus> allowed, String step) {
        if (!allowed.contains(status)) {
            throw new IllegalInteractionTransitionException(id, status, step);
        }
    }

    public InteractionId id() {
        return id;
    }

    public Channel channel() {
        return channel;
    }

    public CustomerIdentity customer() {
        return customer;
    }

    public int priority() {
        return priority;
    }

    public List<RequiredSkill> requiredSkills() {
        return requiredSkills;
    }

    public Instant enqueuedAt() {
        return enqueuedAt;
    }

    /** For a callback, the interaction whose place it took. */
    public Optional<InteractionId> callbackFor() {
        return callbackFor;
    }

    public InteractionStatus status() {
        return status;
    }

    public int unansweredAttempts() {
        return unansweredAttempts;
    }

    public Optional<Instant> connectedAt() {
        return Optional.ofNullable(connectedAt);
    }

    @Override
    public String toString() {
        return channel + " " + id + " (" + status + ")";
    }
}
