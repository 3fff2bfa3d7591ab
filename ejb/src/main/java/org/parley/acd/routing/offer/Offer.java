package org.parley.acd.routing.offer;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.interaction.Channel;
import org.parley.acd.routing.interaction.InteractionId;
import org.parley.acd.routing.queue.QueueId;
import org.parley.acd.routing.queue.RoutingDecision;

/** One agent reserved for one interaction until {@link #expiresAt()}, with the decision that chose them. */
public final class Offer {

    private final OfferId id;
    private final InteractionId interaction;
    private final QueueId queue;
    private final AgentId agent;
    private final Channel channel;
    private final Instant offeredAt;
    private final Instant expiresAt;
    private final RoutingDecision decision;
    private OfferOutcome outcome = OfferOutcome.RINGING;
    private Instant endedAt;
    private String endReason;

    public Offer(OfferId id, InteractionId interaction, QueueId queue, AgentId agent, Channel channel,
                 Instant offeredAt, Instant expiresAt, RoutingDecision decision) {
        this.id = Objects.requireNonNull(id, "id");
        this.interaction = Objects.requireNonNull(interaction, "interaction");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.agent = Objects.requireNonNull(agent, "agent");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.offeredAt = Objects.requireNonNull(offeredAt, "offeredAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.decision = Objects.requireNonNull(decision, "decision");
    }

    public void accept(Instant now) {
        end(OfferOutcome.ACCEPTED, now, "accepted");
    }

    public void decline(Instant now) {
        end(OfferOutcome.DECLINED, now, "declined");
    }

    public void timeOut(Instant now) {
        end(OfferOutcome.TIMED_OUT, now, "no answer within the ring timeout");
    }

    public void cancel(Instant now, String reason) {
        end(OfferOutcome.CANCELLED, now, reason);
    }

    private void end(OfferOutcome how, Instant now, String reason) {
        if (outcome != OfferOutcome.RINGING) {
            throw new OfferNotRingingException(id, outcome);
        }
        outcome = how;
        endedAt = now;
        endReason = reason;
    }

    public boolean isRinging() {
        return outcome == OfferOutcome.RINGING;
    }

    public OfferId id() {
        return id;
    }

    public InteractionId interaction() {
        return interaction;
    }

    public QueueId queue() {
        return queue;
    }

    public AgentId agent() {
        return agent;
    }

    public Channel channel() {
        return channel;
    }

    public Instant offeredAt() {
        return offeredAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public RoutingDecision decision() {
        return decision;
    }

    public OfferOutcome outcome() {
        return outcome;
    }

    public Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    public Optional<String> endReason() {
        return Optional.ofNullable(endReason);
    }

    @Override
    public String toString() {
        return "offer " + id + " of " + interaction + " to " + agent + " (" + outcome + ")";
    }
}
