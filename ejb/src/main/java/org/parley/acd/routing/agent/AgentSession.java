package org.parley.acd.routing.agent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.parley.acd.routing.interaction.Channel;
import org.parley.acd.routing.interaction.InteractionId;
import org.parley.acd.routing.skill.SkillProfile;

/**
 * A logged-in (or logged-out) agent as the router tracks them: state, what rings and what is open, idle time,
 * missed offers, and whether their phone or desktop can be reached. Every state change goes through the
 * {@link AgentStateMachine}; the session holds at most one ringing offer at a time.
 */
public final class AgentSession {

    private static final AgentStateMachine MACHINE = AgentStateMachine.standard();

    private final AgentId id;
    private final ZoneId zone;
    private SkillProfile skills;
    private ChannelCapacity capacity;
    private AgentState state = AgentState.LOGGED_OUT;
    private Instant stateSince;
    private PauseReason pauseReason;
    private Instant idleSince;
    private int missedOffersInRow;
    private int handledToday;
    private LocalDate handledDay;
    private final EnumSet<Contact> lost = EnumSet.noneOf(Contact.class);
    private InteractionId ringing;
    private Channel ringingChannel;
    private final Map<InteractionId, Channel> connected = new LinkedHashMap<>();
    // Kept with connected so that canTake, which the router asks of every member on every routing pass, allocates
    // nothing; a channel with nothing open has no entry.
    private final Map<Channel, Integer> connectedByChannel = new EnumMap<>(Channel.class);

    /**
     * @param zone the tenant's time zone, which decides when "today" starts for fewest-interactions-today
     */
    public AgentSession(AgentId id, SkillProfile skills, ChannelCapacity capacity, ZoneId zone, Instant now) {
        this.id = Objects.requireNonNull(id, "id");
        this.skills = Objects.requireNonNull(skills, "skills");
        this.capacity = Objects.requireNonNull(capacity, "capacity");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.stateSince = now;
        this.idleSince = now;
    }

    public StateChange logIn(Instant now) {
        StateChange change = fire(AgentEvent.LOG_IN, Workload.NONE, null, now);
        // Logging in is the agent saying they are there: a desktop they left before is not waited for.
        lost.remove(Contact.DESKTOP);
        return change;
    }

    public StateChange goReady(Instant now) {
        return fire(AgentEvent.GO_READY, workload(), null, now);
    }

    public StateChange pause(PauseReason reason, Instant now) {
        Objects.requireNonNull(reason, "reason");
        return fire(AgentEvent.PAUSE, workload(), reason, now);
    }

    /** Logging out withdraws a ringing offer (the table says so); the engine puts the customer back in line. */
    public StateChange logOut(Instant now) {
        AgentState before = state;
        Workload after = connected.isEmpty() ? Workload.NONE : Workload.HANDLING;
        StateChange change = fire(AgentEvent.LOG_OUT, after, null, now);
        if (before == AgentState.RESERVED) {
            clearRinging();
        }
        return change;
    }

    public StateChange reserve(InteractionId interaction, Channel channel, Instant now) {
        if (ringing != null) {
            throw new IllegalAgentTransitionException(state, AgentEvent.RESERVE, Workload.RINGING);
        }
        StateChange change = fire(AgentEvent.RESERVE, Workload.RINGING, null, now);
        ringing = interaction;
        ringingChannel = channel;
        return change;
    }

    public StateChange accept(Instant now) {
        requireRinging(AgentEvent.ACCEPT);
        StateChange change = fire(AgentEvent.ACCEPT, Workload.HANDLING, null, now);
        connected.put(ringing, ringingChannel);
        connectedByChannel.merge(ringingChannel, 1, Integer::sum);
        clearRinging();
        return change;
    }

    public StateChange decline(Instant now) {
        return endRinging(AgentEvent.DECLINE, now);
    }

    public StateChange timeOut(Instant now) {
        return endRinging(AgentEvent.TIME_OUT, now);
    }

    public StateChange cancelOffer(Instant now) {
        return endRinging(AgentEvent.CANCEL_OFFER, now);
    }

    public StateChange endInteraction(InteractionId interaction, Instant now) {
        if (!connected.containsKey(interaction)) {
            throw new IllegalStateException("agent " + id + " is not handling " + interaction);
        }
        Workload after = ringing != null ? Workload.RINGING
                : connected.size() > 1 ? Workload.HANDLING : Workload.NONE;
        StateChange change = fire(AgentEvent.END_INTERACTION, after, null, now);
        Channel channel = connected.remove(interaction);
        connectedByChannel.computeIfPresent(channel, (c, open) -> open == 1 ? null : open - 1);
        return change;
    }

    public StateChange endWrapUp(Instant now) {
        return fire(AgentEvent.END_WRAP_UP, workload(), null, now);
    }

    /**
     * The phone registration or desktop connection is gone: nothing may be offered until it is back.
     *
     * @return whether the agent was reachable until now
     */
    public boolean unreachable(Contact via) {
        boolean was = lost.isEmpty();
        lost.add(via);
        return was;
    }

    /** @return whether the agent is reachable again now (nothing else lost) */
    public boolean reachable(Contact via) {
        return lost.remove(via) && lost.isEmpty();
    }

    /** The ways the agent cannot be reached right now; empty when it can. */
    public Set<Contact> lostContacts() {
        return lost.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(lost));
    }

    public void changeSkills(SkillProfile newSkills) {
        skills = Objects.requireNonNull(newSkills, "newSkills");
    }

    public void changeCapacity(ChannelCapacity newCapacity) {
        capacity = Objects.requireNonNull(newCapacity, "newCapacity");
    }

    /** Whether an offer on this channel may go to the agent now, under the queue's mixing rule. */
    public boolean canTake(Channel channel, MixingRule mixing) {
        if (!lost.isEmpty() || ringing != null) {
            return false;
        }
        if (state != AgentState.AVAILABLE && state != AgentState.BUSY) {
            return false;
        }
        if (connected.isEmpty()) {
            return capacity.limit(channel) > 0;
        }
        // nothing rings here, so what is open is what is connected
        return capacity.hasRoomFor(channel, connectedByChannel) && mixing.permits(channel, connectedByChannel);
    }

    private StateChange endRinging(AgentEvent event, Instant now) {
        requireRinging(event);
        StateChange change = fire(event, connected.isEmpty() ? Workload.NONE : Workload.HANDLING, null, now);
        clearRinging();
        return change;
    }

    private void requireRinging(AgentEvent event) {
        if (ringing == null) {
            throw new IllegalAgentTransitionException(state, event, workload());
        }
    }

    private void clearRinging() {
        ringing = null;
        ringingChannel = null;
    }

    private Workload workload() {
        if (ringing != null) {
            return Workload.RINGING;
        }
        return connected.isEmpty() ? Workload.NONE : Workload.HANDLING;
    }

    private StateChange fire(AgentEvent event, Workload after, PauseReason reason, Instant now) {
        AgentState from = state;
        Transition transition;
        try {
            transition = MACHINE.fire(from, event, after);
        } catch (IllegalAgentTransitionException e) {
            throw new IllegalAgentTransitionException(from, event, after, id);
        }
        for (AgentAction action : transition.actions()) {
            switch (action) {
                case MARK_IDLE_SINCE -> idleSince = now;
                case RECORD_MISSED_OFFER -> missedOffersInRow++;
                case RESET_MISSED_OFFERS -> missedOffersInRow = 0;
                case COUNT_HANDLED -> countHandled(now);
                case SET_PAUSE_REASON -> pauseReason = reason;
                case CLEAR_PAUSE_REASON -> pauseReason = null;
                case START_WRAP_UP, CANCEL_WRAP_UP, WITHDRAW_OFFER -> {
                    // timed and cross-aggregate actions are the engine's to carry out
                }
            }
        }
        if (transition.target() == AgentState.LOGGED_OUT) {
            pauseReason = null;
        }
        state = transition.target();
        if (state != from) {
            stateSince = now;
        }
        return new StateChange(id, event, from, state, transition.actions(), Optional.ofNullable(pauseReason), now);
    }

    private void countHandled(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        if (!today.equals(handledDay)) {
            handledDay = today;
            handledToday = 0;
        }
        handledToday++;
    }

    public Map<Channel, Integer> openByChannel() {
        Map<Channel, Integer> open = new EnumMap<>(Channel.class);
        connected.values().forEach(c -> open.merge(c, 1, Integer::sum));
        if (ringingChannel != null) {
            open.merge(ringingChannel, 1, Integer::sum);
        }
        return open;
    }

    public AgentId id() {
        return id;
    }

    public SkillProfile skills() {
        return skills;
    }

    public ChannelCapacity capacity() {
        return capacity;
    }

    public AgentState state() {
        return state;
    }

    public Instant stateSince() {
        return stateSince;
    }

    public Optional<PauseReason> pauseReason() {
        return Optional.ofNullable(pauseReason);
    }

    public Duration idleFor(Instant now) {
        return Duration.between(idleSince, now);
    }

    public Instant idleSince() {
        return idleSince;
    }

    public int missedOffersInRow() {
        return missedOffersInRow;
    }

    public int handledOn(LocalDate day) {
        return day.equals(handledDay) ? handledToday : 0;
    }

    public int handledToday(Instant now) {
        return handledOn(LocalDate.ofInstant(now, zone));
    }

    public boolean isReachable() {
        return lost.isEmpty();
    }

    public Optional<InteractionId> ringing() {
        return Optional.ofNullable(ringing);
    }

    public Set<InteractionId> connected() {
        return Set.copyOf(connected.keySet());
    }

    public boolean isLoggedIn() {
        return state != AgentState.LOGGED_OUT;
    }

    @Override
    public String toString() {
        return "agent " + id + " " + state;
    }
}
