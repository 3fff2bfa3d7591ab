package org.parley.acd.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.parley.acd.routing.agent.AgentAction;
import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.agent.AgentSession;
import org.parley.acd.routing.agent.AgentState;
import org.parley.acd.routing.agent.ChannelCapacity;
import org.parley.acd.routing.agent.Contact;
import org.parley.acd.routing.agent.MixingRule;
import org.parley.acd.routing.agent.PauseReason;
import org.parley.acd.routing.agent.StateChange;
import org.parley.acd.routing.event.EventField;
import org.parley.acd.routing.event.EventId;
import org.parley.acd.routing.event.RoutingEvent;
import org.parley.acd.routing.event.RoutingEventSink;
import org.parley.acd.routing.event.RoutingEventType;
import org.parley.acd.routing.interaction.Channel;
import org.parley.acd.routing.interaction.CustomerIdentity;
import org.parley.acd.routing.interaction.IllegalInteractionTransitionException;
import org.parley.acd.routing.interaction.Interaction;
import org.parley.acd.routing.interaction.InteractionId;
import org.parley.acd.routing.interaction.InteractionStatus;
import org.parley.acd.routing.offer.Offer;
import org.parley.acd.routing.offer.OfferBook;
import org.parley.acd.routing.offer.OfferId;
import org.parley.acd.routing.queue.HandleTimes;
import org.parley.acd.routing.queue.OverflowTarget;
import org.parley.acd.routing.queue.QueueId;
import org.parley.acd.routing.queue.QueueLiveView;
import org.parley.acd.routing.queue.QueuePolicy;
import org.parley.acd.routing.queue.QueuePosition;
import org.parley.acd.routing.queue.RoutingDecision;
import org.parley.acd.routing.queue.WaitingLine;
import org.parley.acd.routing.skill.RelaxationStep;
import org.parley.acd.routing.skill.RequiredSkill;
import org.parley.acd.routing.skill.SkillProfile;
import org.parley.time.Scheduler;

/**
 * Who gets which customer next, for one tenant. Every command changes the state, emits one event per step and then
 * routes whatever can be routed. Not thread-safe by design: the {@link RoutingEngine} is its single writer, so no
 * agent is ever double-booked by a race; tests drive it directly with a manual clock and scheduler.
 *
 * <p>Service order across queues is highest aged priority first, then earliest enqueue time. An agent whom an
 * interaction rang out on or who declined it is tried again only when nobody else eligible is free.
 */
public final class Router {

    private static final System.Logger LOG = System.getLogger(Router.class.getName());
    static final String RESTARTED = "server restarted";
    /**
     * How long an ended interaction and its offers stay answerable ({@code GET /interactions/{id}}, a late second
     * hang-up) before the router forgets them. An hour covers a supervisor looking at what just happened and any
     * late signal about it; the day's figures never depend on it, they are projected from the event log.
     */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);

    private final Clock clock;
    private final Scheduler scheduler;
    private final RoutingEventSink sink;
    private final Duration retention;

    private final Map<QueueId, WaitingLine> lines = new LinkedHashMap<>();
    private final Map<QueueId, HandleTimes> handleTimes = new HashMap<>();
    private final Map<QueueId, Set<AgentId>> members = new HashMap<>();
    private final Map<QueueId, AgentId> lastChosen = new HashMap<>();
    private final Map<AgentId, AgentSession> agents = new LinkedHashMap<>();
    private final Map<InteractionId, Interaction> interactions = new HashMap<>();
    // No interaction leaves a final status, so the live ones are kept apart in arrival order and the ended ones
    // pruned on read: the reconciler looks at the live ones on every pass, and every interaction of the day would
    // be a scan that grows as long as the router runs.
    private final Set<Interaction> mayBeLive = new LinkedHashSet<>();
    // The ended ones in the order the router saw them end, each with that time: the next to forget is at the head.
    private final Deque<Ended> ended = new ArrayDeque<>();
    private final Map<InteractionId, QueueId> routeOf = new HashMap<>();
    private final Map<InteractionId, Set<QueueId>> queuesVisited = new HashMap<>();
    private final Map<InteractionId, List<Scheduler.Timer>> lineTimers = new HashMap<>();
    private final Set<InteractionId> overdue = new HashSet<>();
    private final OfferBook offers = new OfferBook();
    private final Map<OfferId, Scheduler.Timer> ringTimers = new HashMap<>();
    private final Map<AgentId, WrapUp> wrapUps = new HashMap<>();
    private final Set<PauseReason> pauseReasons = new HashSet<>();
    private long wrapUpTokens;
    private boolean dispatching;

    private record Ended(Interaction interaction, Instant seenAt) {
    }

    private record WrapUp(InteractionId interaction, QueueId queue, Instant startedAt, long token,
                          Optional<Scheduler.Timer> timer) {
    }

    public Router(Clock clock, Scheduler scheduler, RoutingEventSink sink) {
        this(clock, scheduler, sink, DEFAULT_RETENTION);
    }

    /** @param retention how long ended interactions and their offers are kept; see {@link #forgetEnded(int)} */
    public Router(Clock clock, Scheduler scheduler, RoutingEventSink sink, Duration retention) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.sink = Objects.requireNonNull(sink, "sink");
        if (Objects.requireNonNull(retention, "retention").isNegative()) {
            throw new IllegalArgumentException("the retention of ended interactions cannot be negative");
        }
        this.retention = retention;
    }

    // ---- configuration -------------------------------------------------------------------------------------

    public void defineQueue(QueuePolicy policy) {
        if (lines.containsKey(policy.id())) {
            throw new IllegalStateException("queue " + policy.id() + " is already defined");
        }
        lines.put(policy.id(), new WaitingLine(policy));
        handleTimes.put(policy.id(), new HandleTimes(policy.expectedHandleTime()));
        members.put(policy.id(), new TreeSet<>());
    }

    /** Applies a changed configuration to a defined queue; waiting customers keep their place. */
    public void redefineQueue(QueuePolicy policy) {
        requireLine(policy.id()).changePolicy(policy);
        dispatch();
    }

    /** Whether the queue is defined, for configuration sync. */
    public boolean definesQueue(QueueId queue) {
        return lines.containsKey(queue);
    }

    /** A copy of the queue's members, in id order. */
    public Set<AgentId> membersOf(QueueId queue) {
        return new TreeSet<>(members(queue));
    }

    public AgentSession addAgent(AgentId id, SkillProfile skills, ChannelCapacity capacity) {
        if (agents.containsKey(id)) {
            throw new IllegalStateException("agent " + id + " is already known");
        }
        AgentSession session = new AgentSession(id, skills, capacity, clock.getZone(), now());
        agents.put(id, session);
        return session;
    }

    /**
     * The tenant's pause reason codes. Once set, agents and supervisors may pause only with one of them; the
     * engine's own reasons (missed offers, unreachable) are always allowed. Until set, any code is accepted.
     */
    public void allowPauseReasons(Set<PauseReason> reasons) {
        pauseReasons.clear();
        pauseReasons.addAll(reasons);
    }

    /** Makes the agent a member of the queue; members are who the queue's strategy chooses among. */
    public void assign(AgentId agent, QueueId queue) {
        requireAgent(agent);
        members(queue).add(agent);
        dispatch();
    }

    public void unassign(AgentId agent, QueueId queue) {
        members(queue).remove(agent);
    }

    // ---- agent commands ------------------------------------------------------------------------------------

    public void logIn(AgentId agent) {
        publish(requireAgent(agent).logIn(now()));
        dispatch();
    }

    public void goReady(AgentId agent) {
        publish(requireAgent(agent).goReady(now()));
        dispatch();
    }

    public void pause(AgentId agent, PauseReason reason) {
        if (!pauseReasons.isEmpty() && !pauseReasons.contains(reason) && !PauseReason.MISSED_OFFERS.equals(reason)
                && !PauseReason.UNREACHABLE.equals(reason)) {
            throw new UnknownPauseReasonException(reason, pauseReasons);
        }
        publish(requireAgent(agent).pause(reason, now()));
    }

    /** Logging out while an offer rings withdraws it and puts the customer back in line first. */
    public void logOut(AgentId agent) {
        AgentSession session = requireAgent(agent);
        Instant now = now();
        List<Offer> ringing = offers.ringingAt(agent);
        StateChange change = session.logOut(now);
        publish(change);
        if (change.asks(AgentAction.WITHDRAW_OFFER)) {
            ringing.forEach(o -> endLease(o, "agent logged out", now));
        }
        dispatch();
    }

    /**
     * The agent's phone registration or desktop connection is gone: withdraw what rings, offer nothing more until
     * it is back. Told twice, the second time changes nothing.
     */
    public void agentUnreachable(AgentId agent, Contact via) {
        AgentSession session = requireAgent(agent);
        if (session.lostContacts().contains(via)) {
            return;
        }
        boolean wasReachable = session.unreachable(via);
        emit(RoutingEventType.AGENT_REACHABILITY_CHANGED, fields(EventField.AGENT, agent,
                EventField.REASON, "unreachable", EventField.CONTACT, via.name()));
        if (wasReachable) {
            Instant now = now();
            for (Offer o : offers.ringingAt(agent)) {
                withdraw(o, "agent unreachable", now);
                afterLeaseEnded(o.interaction());
            }
        }
        dispatch();
    }

    /** The phone registered or the desktop connected again; offers resume once nothing else is lost. */
    public void agentReachable(AgentId agent, Contact via) {
        AgentSession session = requireAgent(agent);
        if (!session.lostContacts().contains(via)) {
            return;
        }
        session.reachable(via);
        emit(RoutingEventType.AGENT_REACHABILITY_CHANGED, fields(EventField.AGENT, agent,
                EventField.REASON, "reachable", EventField.CONTACT, via.name()));
        dispatch();
    }

    // ---- restart --------------------------------------------------------------------------------------------

    /**
     * Picks up where a previous run of this router stopped (the server restarted). Agents who were logged in are
     * logged in again, paused ones with their reason; whatever they were handling did not survive. Callbacks return
     * to their line with their original id and place. Voice and chat customers were disconnected by the restart:
     * those still waiting are closed as abandoned, those talking as completed (talk time up to the previous run's
     * last event), each with the reason "server restarted", so every interaction ends and the reports stay whole.
     * Run once, after the configuration is applied and before any other command.
     */
    public void recover(RecoveredState state) {
        Instant now = now();
        Instant lastSeen = state.lastSeen().orElse(now);
        state.agents().forEach((id, snapshot) -> {
            AgentSession session = agents.get(id);
            if (session == null || session.isLoggedIn() || snapshot.state() == AgentState.LOGGED_OUT) {
                return;
            }
            publish(session.logIn(now));
            if (snapshot.state() == AgentState.PAUSED) {
                publish(session.pause(snapshot.pauseReason().orElse(PauseReason.of("restored")), now));
            }
        });
        for (RecoveredState.OpenInteraction open : state.interactions()) {
            if (open.channel() == Channel.CALLBACK && lines.containsKey(open.queue())) {
                Interaction callback = Interaction.restored(open.id(), open.channel(), open.customer(),
                        open.priority(), open.requiredSkills(), open.enqueuedAt(), open.callbackFor());
                interactions.put(callback.id(), callback);
                mayBeLive.add(callback);
                admit(callback, open.queue());
            } else if (open.connectedAt().isPresent()) {
                Duration talk = Duration.between(open.connectedAt().get(), lastSeen);
                emit(RoutingEventType.INTERACTION_COMPLETED, fields(EventField.QUEUE, open.queue(),
                        EventField.INTERACTION, open.id(), EventField.AGENT, open.agent().orElse(null),
                        EventField.CHANNEL, open.channel(), EventField.TALK_MILLIS,
                        talk.isNegative() ? 0 : talk.toMillis(), EventField.REASON, RESTARTED));
            } else {
                Duration waited = Duration.between(open.enqueuedAt(), lastSeen);
                emit(RoutingEventType.INTERACTION_ABANDONED, fields(EventField.QUEUE, open.queue(),
                        EventField.INTERACTION, open.id(), EventField.CHANNEL, open.channel(),
                        EventField.WAIT_MILLIS, waited.isNegative() ? 0 : waited.toMillis(),
                        EventField.REASON, RESTARTED));
            }
        }
        dispatch();
    }

    // ---- interaction commands ------------------------------------------------------------------------------

    /** A customer arrives in a queue: queued, then offered at once if an agent is free. */
    public InteractionId enqueue(QueueId queue, Channel channel, CustomerIdentity customer, int priority,
                                 List<RequiredSkill> requiredSkills) {
        requireLine(queue);
        Interaction interaction = Interaction.arriving(InteractionId.random(), channel, customer, priority,
                requiredSkills, now());
        interactions.put(interaction.id(), interaction);
        mayBeLive.add(interaction);
        admit(interaction, queue);
        dispatch();
        return interaction.id();
    }

    /**
     * The customer hung up or closed the chat. Before an agent answered that is an abandon (and every offer for it
     * is withdrawn); afterwards it ends the conversation. For an interaction that has already ended it does nothing:
     * a caller hangs up after asking for a callback, and hang-up signals may arrive twice.
     */
    public void customerLeft(InteractionId id) {
        Interaction interaction = requireInteraction(id);
        if (interaction.status().isFinal()) {
            return;
        }
        if (interaction.status() == InteractionStatus.CONNECTED) {
            complete(id);
            return;
        }
        Instant now = now();
        QueueId queue = routeOf.get(id);
        offers.ringingFor(id).forEach(o -> withdraw(o, "customer left", now));
        interaction.abandoned();
        leaveLine(id);
        emit(RoutingEventType.INTERACTION_ABANDONED, fields(EventField.QUEUE, queue, EventField.INTERACTION, id,
                EventField.CHANNEL, interaction.channel(),
                EventField.WAIT_MILLIS, interaction.waitedUntil(now).toMillis()));
        dispatch();
    }

    /**
     * A waiting caller or chat visitor asks to be called back. The callback takes their place: same enqueue time,
     * priority and skills, so it is served before anyone who arrived after them.
     */
    public InteractionId requestCallback(InteractionId id, CustomerIdentity number) {
        Interaction interaction = requireInteraction(id);
        Instant now = now();
        offers.ringingFor(id).forEach(o -> withdraw(o, "customer asked for a callback", now));
        Interaction callback = replaceWithCallback(interaction, routeOf.get(id), number);
        dispatch();
        return callback.id();
    }

    /** The agent answered: the lease becomes a connection, and any other ring-all offers are withdrawn. */
    public void accept(OfferId id) {
        Offer offer = requireOffer(id);
        Interaction interaction = requireInteraction(offer.interaction());
        if (offer.isRinging() && interaction.status() != InteractionStatus.OFFERED) {
            throw new IllegalInteractionTransitionException(interaction.id(), interaction.status(), "be answered");
        }
        Instant now = now();
        offer.accept(now);
        cancel(ringTimers.remove(id));
        publish(requireAgent(offer.agent()).accept(now));
        interaction.connected(now);
        leaveLine(interaction.id());
        offers.ringingFor(interaction.id()).forEach(o -> withdraw(o, "answered by " + offer.agent(), now));
        emit(RoutingEventType.OFFER_ACCEPTED, fields(EventField.QUEUE, offer.queue(),
                EventField.INTERACTION, interaction.id(), EventField.AGENT, offer.agent(), EventField.OFFER, id,
                EventField.CHANNEL, interaction.channel(),
                EventField.WAIT_MILLIS, interaction.waitedUntil(now).toMillis()));
        dispatch();
    }

    public void decline(OfferId id) {
        Offer offer = requireOffer(id);
        Instant now = now();
        offer.decline(now);
        cancel(ringTimers.remove(id));
        publish(requireAgent(offer.agent()).decline(now));
        emit(RoutingEventType.OFFER_DECLINED, offerFields(offer));
        afterLeaseEnded(offer.interaction());
        dispatch();
    }

    /**
     * The conversation ended; the agent goes to the queue's wrap-up unless other interactions are still open. Ending
     * it again does nothing, since both sides of a call may report the end.
     */
    public void complete(InteractionId id) {
        Interaction interaction = requireInteraction(id);
        if (interaction.status() == InteractionStatus.COMPLETED) {
            return;
        }
        Offer accepted = offers.acceptedFor(id).orElseThrow(
                () -> new IllegalStateException("interaction " + id + " was never answered"));
        Instant now = now();
        interaction.completed();
        QueuePolicy policy = requireLine(accepted.queue()).policy();
        Duration talk = Duration.between(interaction.connectedAt().orElse(now), now);
        // The queue's configured wrap-up stands in for the measured one, which is known only later.
        handleTimes.get(accepted.queue()).record(talk.plus(policy.wrapUp()));
        AgentSession agent = requireAgent(accepted.agent());
        StateChange change = agent.endInteraction(id, now);
        publish(change);
        emit(RoutingEventType.INTERACTION_COMPLETED, fields(EventField.QUEUE, accepted.queue(),
                EventField.INTERACTION, id, EventField.AGENT, agent.id(), EventField.CHANNEL, interaction.channel(),
                EventField.TALK_MILLIS, talk.toMillis()));
        if (change.asks(AgentAction.START_WRAP_UP)) {
            startWrapUp(agent, id, accepted.queue(), policy.wrapUp(), now);
        }
        dispatch();
    }

    /**
     * The agent placed the callback and the customer did not answer. The agent is released as after any
     * interaction; the callback waits the queue's retry delay and then queues again at its original place, until the
     * queue's number of attempts is used up and it fails for good.
     */
    public void callbackNotAnswered(InteractionId id) {
        Interaction callback = requireInteraction(id);
        Offer accepted = offers.acceptedFor(id).orElseThrow(
                () -> new IllegalInteractionTransitionException(id, callback.status(), "record a callback attempt"));
        QueuePolicy policy = requireLine(accepted.queue()).policy();
        Instant now = now();
        int attempts = callback.callbackNotAnswered(policy.callbackAttempts());
        AgentSession agent = requireAgent(accepted.agent());
        StateChange change = agent.endInteraction(id, now);
        publish(change);
        Map<EventField, String> payload = fields(EventField.QUEUE, accepted.queue(), EventField.INTERACTION, id,
                EventField.AGENT, agent.id(), EventField.CUSTOMER, callback.customer(),
                EventField.ATTEMPT, attempts + " of " + policy.callbackAttempts());
        if (callback.status() == InteractionStatus.CALLBACK_FAILED) {
            emit(RoutingEventType.CALLBACK_FAILED, payload);
        } else {
            emit(RoutingEventType.CALLBACK_NOT_ANSWERED, payload);
            lineTimers.computeIfAbsent(id, i -> new ArrayList<>()).add(scheduler.schedule(
                    now.plus(policy.callbackRetryDelay()), () -> retryCallback(id, accepted.queue())));
        }
        if (change.asks(AgentAction.START_WRAP_UP)) {
            startWrapUp(agent, id, accepted.queue(), policy.wrapUp(), now);
        }
        dispatch();
    }

    private void retryCallback(InteractionId id, QueueId queue) {
        Interaction callback = interactions.get(id);
        if (callback == null || callback.status() != InteractionStatus.AWAITING_RETRY) {
            return;
        }
        lineTimers.remove(id);
        callback.retryDue();
        admit(callback, queue);
        dispatch();
    }

    // ---- memory ----------------------------------------------------------------------------------------------

    /**
     * Forgets interactions that ended at least the retention ago, with their offers and bookkeeping, looking at no
     * more than {@code atMost} of them, so that one call is a short step on the writer however much has piled up.
     * The end is taken as when the router noticed it (this call or a reconciler pass), so an interaction is kept
     * for the retention and at most one such period more. One that still has an offer ringing is a broken
     * invariant the reconciler must see, so it is kept for another retention.
     *
     * @return how many were forgotten
     */
    public int forgetEnded(int atMost) {
        Instant now = now();
        noticeEnded(now);
        Instant due = now.minus(retention);
        int looked = 0;
        int forgotten = 0;
        while (looked < atMost && !ended.isEmpty() && !ended.peekFirst().seenAt().isAfter(due)) {
            looked++;
            Interaction interaction = ended.pollFirst().interaction();
            InteractionId id = interaction.id();
            if (interactions.get(id) != interaction) {
                continue;
            }
            if (!offers.ringingFor(id).isEmpty()) {
                ended.addLast(new Ended(interaction, now));
                continue;
            }
            interactions.remove(id);
            offers.forget(id);
            routeOf.remove(id);
            queuesVisited.remove(id);
            lineTimers.getOrDefault(id, List.of()).forEach(Scheduler.Timer::cancel);
            lineTimers.remove(id);
            overdue.remove(id);
            forgotten++;
        }
        return forgotten;
    }

    /** Whether ended interactions are due to be forgotten now, so a caller knows to take another step at once. */
    public boolean hasEndedToForget() {
        return !ended.isEmpty() && !ended.peekFirst().seenAt().isAfter(now().minus(retention));
    }

    /** What the router holds in memory, to watch it stay bounded. */
    public Footprint footprint() {
        return new Footprint(interactions.size(), offers.size(), mayBeLive.size(), ended.size());
    }

    /**
     * @param interactions every interaction held, live or ended
     * @param offers every offer held
     * @param live interactions not known to have ended
     * @param ended ended interactions waiting out the retention
     */
    public record Footprint(int interactions, int offers, int live, int ended) {
    }

    // ---- queries -------------------------------------------------------------------------------------------

    public Optional<AgentSession> agent(AgentId id) {
        return Optional.ofNullable(agents.get(id));
    }

    public Optional<Interaction> interaction(InteractionId id) {
        return Optional.ofNullable(interactions.get(id));
    }

    public Optional<QueueId> queueOf(InteractionId id) {
        return Optional.ofNullable(routeOf.get(id));
    }

    public Optional<Offer> offer(OfferId id) {
        return offers.find(id);
    }

    /** Every offer of the interaction, oldest first, each with its decision explanation. */
    public List<Offer> offersOf(InteractionId id) {
        return offers.of(id);
    }

    public Optional<Offer> ringingOfferAt(AgentId agent) {
        return offers.ringingAt(agent).stream().findFirst();
    }

    /** The customers in the queue who have not reached an agent, in service order. */
    public List<Interaction> line(QueueId queue) {
        return requireLine(queue).inServiceOrder(now());
    }

    /** Position and estimated wait of a waiting interaction; empty once it rings, connects or ends. */
    public Optional<QueuePosition> position(InteractionId id) {
        Interaction interaction = interactions.get(id);
        QueueId queue = routeOf.get(id);
        if (interaction == null || queue == null || interaction.status() != InteractionStatus.WAITING) {
            return Optional.empty();
        }
        WaitingLine line = requireLine(queue);
        Instant now = now();
        Optional<Integer> place = line.positionOf(id, now);
        if (place.isEmpty()) {
            return Optional.empty();
        }
        List<RequiredSkill> required = line.policy().relaxation()
                .effective(interaction.requiredSkills(), interaction.waitedUntil(now));
        int staffed = 0;
        int free = 0;
        for (AgentId member : members(queue)) {
            AgentSession agent = agents.get(member);
            if (!agent.skills().satisfies(required) || !agent.isReachable()) {
                continue;
            }
            if (agent.state() != AgentState.LOGGED_OUT && agent.state() != AgentState.PAUSED) {
                staffed++;
            }
            if (agent.canTake(interaction.channel(), line.policy().mixing())) {
                free++;
            }
        }
        int waiting = (int) line.inServiceOrder(now).stream()
                .filter(i -> i.status() == InteractionStatus.WAITING).count();
        return Optional.of(new QueuePosition(place.get(), waiting,
                QueuePosition.estimate(place.get(), staffed, free, handleTimes.get(queue).average())));
    }

    public QueueLiveView liveView(QueueId queue) {
        WaitingLine line = requireLine(queue);
        Instant now = now();
        Map<AgentState, Integer> byState = new EnumMap<>(AgentState.class);
        members(queue).forEach(a -> byState.merge(agents.get(a).state(), 1, Integer::sum));
        return new QueueLiveView(queue, line.size(), line.oldest().map(i -> i.waitedUntil(now)), byState);
    }

    public Collection<AgentSession> agents() {
        return List.copyOf(agents.values());
    }

    // ---- what the reconciler needs -------------------------------------------------------------------------

    OfferBook offerBook() {
        return offers;
    }

    /** The interactions that have not ended, in the order the router learnt of them (a callback when asked for). */
    Collection<Interaction> liveInteractions() {
        noticeEnded(now());
        return List.copyOf(mayBeLive);
    }

    private void noticeEnded(Instant now) {
        mayBeLive.removeIf(i -> {
            if (i.status().isFinal()) {
                ended.add(new Ended(i, now));
                return true;
            }
            return false;
        });
    }

    Instant now() {
        return clock.instant();
    }

    /** Ends a lease the reconciler found wrong, putting the customer back in line if nothing else rings. */
    void withdrawForRepair(Offer offer, String reason) {
        endLease(offer, reason, now());
    }

    /** Takes an interaction that has ended out of its line, with its line timers. */
    void leaveLineForRepair(InteractionId id) {
        leaveLine(id);
    }

    /** Puts an interaction that rings nowhere back at its place in line (or on to overflow, if overdue). */
    void returnToLineForRepair(InteractionId id) {
        afterLeaseEnded(id);
    }

    void reportRepair(String violation, Map<EventField, String> about) {
        Map<EventField, String> payload = new EnumMap<>(EventField.class);
        payload.putAll(about);
        payload.put(EventField.VIOLATION, violation);
        emit(RoutingEventType.INVARIANT_REPAIRED, payload);
    }

    void publishRepair(StateChange change) {
        publish(change);
    }

    void startWrapUpAfterRepair(AgentSession agent, StateChange change) {
        if (change.asks(AgentAction.START_WRAP_UP)) {
            startWrapUp(agent, null, null, Duration.ZERO, now());
        }
    }

    /** Routes whatever can be routed now; the reconciler calls it after repairs. */
    void dispatch() {
        if (dispatching) {
            return;
        }
        dispatching = true;
        try {
            List<AgentSession> free = freeAgents();
            if (free.isEmpty()) {
                return;
            }
            Instant now = now();
            record Candidate(Interaction interaction, WaitingLine line, int priority) {
            }
            List<Candidate> waiting = new ArrayList<>();
            for (WaitingLine line : lines.values()) {
                for (Interaction i : line.inServiceOrder(now)) {
                    if (i.status() == InteractionStatus.WAITING) {
                        waiting.add(new Candidate(i, line, line.effectivePriority(i, now)));
                    }
                }
            }
            waiting.sort(Comparator.comparingInt(Candidate::priority).reversed()
                    .thenComparing(c -> c.interaction().enqueuedAt()));
            // A pass only ever reserves agents, so whoever it can offer to could take the channel when it began;
            // who that is, per queue and channel, is worked out once per pass rather than once per waiting customer.
            Map<Pool, List<AgentSession>> pools = new HashMap<>();
            for (Candidate c : waiting) {
                if (c.interaction().status() == InteractionStatus.WAITING && c.line().contains(c.interaction().id())) {
                    QueuePolicy policy = c.line().policy();
                    List<AgentSession> pool = pools.computeIfAbsent(new Pool(policy.id(), c.interaction().channel()),
                            p -> freeMembers(p, policy.mixing(), free));
                    tryOffer(c.interaction(), c.line(), pool, now);
                    if (free.stream().noneMatch(Router::isFree)) {
                        return;
                    }
                }
            }
        } finally {
            dispatching = false;
        }
    }

    /**
     * Who might take an offer now; when nobody is (every agent busy, ringing, paused or away) the pass ends before
     * sorting any line.
     */
    private List<AgentSession> freeAgents() {
        List<AgentSession> free = new ArrayList<>();
        for (AgentSession agent : agents.values()) {
            if (isFree(agent)) {
                free.add(agent);
            }
        }
        return free;
    }

    private record Pool(QueueId queue, Channel channel) {
    }

    /** The queue's members among the free agents who can take the channel under the queue's mixing rule. */
    private List<AgentSession> freeMembers(Pool pool, MixingRule mixing, List<AgentSession> free) {
        Set<AgentId> queueMembers = members.get(pool.queue());
        List<AgentSession> result = new ArrayList<>();
        for (AgentSession agent : free) {
            if (agent.canTake(pool.channel(), mixing) && queueMembers.contains(agent.id())) {
                result.add(agent);
            }
        }
        return result;
    }

    private static boolean isFree(AgentSession agent) {
        return agent.isReachable() && agent.ringing().isEmpty()
                && (agent.state() == AgentState.AVAILABLE || agent.state() == AgentState.BUSY);
    }

    // ---- the routing steps ---------------------------------------------------------------------------------

    /**
     * @param freeMembers the queue's members who could take the interaction's channel when the pass began, in any
     *                    order (the strategy ranks them itself)
     */
    private void tryOffer(Interaction interaction, WaitingLine line, List<AgentSession> freeMembers, Instant now) {
        QueuePolicy policy = line.policy();
        List<RequiredSkill> required = policy.relaxation()
                .effective(interaction.requiredSkills(), interaction.waitedUntil(now));
        List<AgentSession> eligible = new ArrayList<>();
        for (AgentSession agent : freeMembers) {
            if (agent.canTake(interaction.channel(), policy.mixing()) && agent.skills().satisfies(required)) {
                eligible.add(agent);
            }
        }
        if (eligible.isEmpty()) {
            return;
        }
        Set<AgentId> passedOver = offers.passedOver(interaction.id());
        List<AgentSession> fresh = eligible.stream().filter(a -> !passedOver.contains(a.id())).toList();
        if (!fresh.isEmpty()) {
            eligible = fresh;
        }
        RoutingDecision decision = policy.strategy().decide(eligible, required, now,
                Optional.ofNullable(lastChosen.get(policy.id())));
        interaction.offered();
        lastChosen.put(policy.id(), decision.chosen().get(0));
        for (AgentId chosen : decision.chosen()) {
            makeOffer(interaction, policy, agents.get(chosen), decision, now);
        }
    }

    private void makeOffer(Interaction interaction, QueuePolicy policy, AgentSession agent, RoutingDecision decision,
                           Instant now) {
        publish(agent.reserve(interaction.id(), interaction.channel(), now));
        Offer offer = new Offer(OfferId.random(), interaction.id(), policy.id(), agent.id(), interaction.channel(),
                now, now.plus(policy.ringTimeout()), decision);
        offers.record(offer);
        ringTimers.put(offer.id(), scheduler.schedule(offer.expiresAt(), () -> ringTimedOut(offer.id())));
        Map<EventField, String> payload = offerFields(offer);
        payload.put(EventField.DECISION, decision.summary());
        payload.put(EventField.WAIT_MILLIS, Long.toString(interaction.waitedUntil(now).toMillis()));
        emit(RoutingEventType.INTERACTION_OFFERED, payload);
        if (interaction.channel() == Channel.CALLBACK) {
            Map<EventField, String> place = offerFields(offer);
            place.put(EventField.CUSTOMER, interaction.customer().value());
            interaction.callbackFor().ifPresent(original -> place.put(EventField.CALLBACK_FOR, original.value()));
            emit(RoutingEventType.PLACE_CALLBACK, place);
        }
    }

    private void ringTimedOut(OfferId id) {
        Offer offer = offers.find(id).orElse(null);
        if (offer == null || !offer.isRinging()) {
            return;
        }
        ringTimers.remove(id);
        Instant now = now();
        offer.timeOut(now);
        AgentSession agent = requireAgent(offer.agent());
        publish(agent.timeOut(now));
        emit(RoutingEventType.OFFER_TIMED_OUT, offerFields(offer));
        QueuePolicy policy = requireLine(offer.queue()).policy();
        if (agent.missedOffersInRow() >= policy.missedOffersBeforePause() && agent.state() == AgentState.AVAILABLE) {
            publish(agent.pause(PauseReason.MISSED_OFFERS, now));
        }
        afterLeaseEnded(offer.interaction());
        dispatch();
    }

    private void endLease(Offer offer, String reason, Instant now) {
        if (offer.isRinging()) {
            offer.cancel(now, reason);
            cancel(ringTimers.remove(offer.id()));
            AgentSession agent = requireAgent(offer.agent());
            if (agent.ringing().filter(offer.interaction()::equals).isPresent()) {
                publish(agent.cancelOffer(now));
            }
            emit(RoutingEventType.OFFER_CANCELLED, withReason(offerFields(offer), reason));
        }
        afterLeaseEnded(offer.interaction());
    }

    private void withdraw(Offer offer, String reason, Instant now) {
        offer.cancel(now, reason);
        cancel(ringTimers.remove(offer.id()));
        publish(requireAgent(offer.agent()).cancelOffer(now));
        emit(RoutingEventType.OFFER_CANCELLED, withReason(offerFields(offer), reason));
    }

    /** The last lease for an interaction ended unanswered: back to its place in line, or on if it is overdue. */
    private void afterLeaseEnded(InteractionId id) {
        Interaction interaction = interactions.get(id);
        if (interaction == null || interaction.status() != InteractionStatus.OFFERED
                || !offers.ringingFor(id).isEmpty()) {
            return;
        }
        interaction.backInLine();
        if (overdue.remove(id)) {
            overflow(interaction, routeOf.get(id), "maximum wait reached");
        }
    }

    private void admit(Interaction interaction, QueueId queue) {
        WaitingLine line = requireLine(queue);
        QueuePolicy policy = line.policy();
        queuesVisited.computeIfAbsent(interaction.id(), i -> new HashSet<>()).add(queue);
        boolean callback = interaction.channel() == Channel.CALLBACK;
        // A callback has already left the line physically; limits that protect callers on hold do not apply.
        Optional<String> turnedAway = callback ? Optional.empty()
                : !policy.openHours().isOpenAt(now()) ? Optional.of("closed")
                : policy.maxSize().isPresent() && line.size() >= policy.maxSize().getAsInt() ? Optional.of("queue full")
                : Optional.empty();
        if (turnedAway.isPresent()) {
            emitOverflow(interaction, queue, policy.overflow().orElseThrow(), turnedAway.get());
            routeOverflow(interaction, queue, policy.overflow().orElseThrow());
            return;
        }
        routeOf.put(interaction.id(), queue);
        line.join(interaction);
        Map<EventField, String> payload = fields(EventField.QUEUE, queue, EventField.INTERACTION, interaction.id(),
                EventField.CHANNEL, interaction.channel(), EventField.CUSTOMER, interaction.customer(),
                EventField.PRIORITY, interaction.priority(), EventField.ENQUEUED_AT, interaction.enqueuedAt(),
                EventField.REQUIRED_SKILLS, RequiredSkill.encode(interaction.requiredSkills()));
        interaction.callbackFor().ifPresent(original -> payload.put(EventField.CALLBACK_FOR, original.value()));
        emit(RoutingEventType.INTERACTION_QUEUED, payload);
        Instant now = now();
        List<Scheduler.Timer> timers = lineTimers.computeIfAbsent(interaction.id(), i -> new ArrayList<>());
        if (!callback && policy.maxWait().isPresent()) {
            InteractionId id = interaction.id();
            timers.add(scheduler.schedule(now.plus(policy.maxWait().get()), () -> maxWaitReached(id, queue)));
        }
        // Relaxation changes who is eligible without any agent changing state, so the router must look again.
        for (RelaxationStep step : policy.relaxation().steps()) {
            Instant at = interaction.enqueuedAt().plus(step.after());
            if (at.isAfter(now)) {
                timers.add(scheduler.schedule(at, this::dispatch));
            }
        }
    }

    private void maxWaitReached(InteractionId id, QueueId queue) {
        Interaction interaction = interactions.get(id);
        if (interaction == null || !queue.equals(routeOf.get(id)) || !requireLine(queue).contains(id)) {
            return;
        }
        if (interaction.status() == InteractionStatus.OFFERED) {
            overdue.add(id);
        } else if (interaction.status() == InteractionStatus.WAITING) {
            overflow(interaction, queue, "maximum wait reached");
            dispatch();
        }
    }

    private void overflow(Interaction interaction, QueueId from, String reason) {
        OverflowTarget target = requireLine(from).policy().overflow().orElseThrow();
        leaveLine(interaction.id());
        emitOverflow(interaction, from, target, reason);
        routeOverflow(interaction, from, target);
    }

    private void routeOverflow(Interaction interaction, QueueId from, OverflowTarget target) {
        switch (target.kind()) {
            case QUEUE -> {
                QueueId next = target.queue().orElseThrow();
                // A chain of overflows that comes back to a queue already tried would never end; stop it.
                if (queuesVisited.getOrDefault(interaction.id(), Set.of()).contains(next) || !lines.containsKey(next)) {
                    interaction.overflowed();
                } else {
                    admit(interaction, next);
                }
            }
            case VOICEMAIL -> interaction.overflowed();
            case CALLBACK -> replaceWithCallback(interaction, from, interaction.customer());
        }
    }

    private void emitOverflow(Interaction interaction, QueueId from, OverflowTarget target, String reason) {
        emit(RoutingEventType.INTERACTION_OVERFLOWED, fields(EventField.QUEUE, from,
                EventField.INTERACTION, interaction.id(), EventField.CHANNEL, interaction.channel(),
                EventField.OVERFLOW_TARGET, target, EventField.REASON, reason,
                EventField.WAIT_MILLIS, interaction.waitedUntil(now()).toMillis()));
    }

    private Interaction replaceWithCallback(Interaction interaction, QueueId queue, CustomerIdentity number) {
        leaveLine(interaction.id());
        Interaction callback = interaction.callbackTo(InteractionId.random(), number);
        interactions.put(callback.id(), callback);
        mayBeLive.add(callback);
        emit(RoutingEventType.CALLBACK_REQUESTED, fields(EventField.QUEUE, queue,
                EventField.INTERACTION, interaction.id(), EventField.CALLBACK, callback.id(),
                EventField.CUSTOMER, number, EventField.ENQUEUED_AT, callback.enqueuedAt()));
        admit(callback, queue);
        return callback;
    }

    private void leaveLine(InteractionId id) {
        QueueId queue = routeOf.get(id);
        if (queue != null) {
            lines.get(queue).leave(id);
        }
        lineTimers.getOrDefault(id, List.of()).forEach(Scheduler.Timer::cancel);
        lineTimers.remove(id);
        overdue.remove(id);
    }

    private void startWrapUp(AgentSession agent, InteractionId interaction, QueueId queue, Duration wrapUp,
                             Instant now) {
        long token = ++wrapUpTokens;
        Optional<Scheduler.Timer> timer = wrapUp.isZero() ? Optional.empty()
                : Optional.of(scheduler.schedule(now.plus(wrapUp), () -> wrapUpElapsed(agent.id(), token)));
        wrapUps.put(agent.id(), new WrapUp(interaction, queue, now, token, timer));
        if (wrapUp.isZero()) {
            wrapUpElapsed(agent.id(), token);
        }
    }

    private void wrapUpElapsed(AgentId agentId, long token) {
        WrapUp wrapUp = wrapUps.get(agentId);
        if (wrapUp == null || wrapUp.token() != token) {
            return;
        }
        AgentSession agent = requireAgent(agentId);
        if (agent.state() != AgentState.WRAP_UP) {
            finishWrapUp(agentId);
            return;
        }
        publish(agent.endWrapUp(now()));
        finishWrapUp(agentId);
        dispatch();
    }

    private void finishWrapUp(AgentId agentId) {
        WrapUp wrapUp = wrapUps.remove(agentId);
        if (wrapUp == null) {
            return;
        }
        wrapUp.timer().ifPresent(Scheduler.Timer::cancel);
        Map<EventField, String> payload = fields(EventField.AGENT, agentId,
                EventField.WRAP_UP_MILLIS, Duration.between(wrapUp.startedAt(), now()).toMillis());
        if (wrapUp.interaction() != null) {
            payload.put(EventField.INTERACTION, wrapUp.interaction().value());
            payload.put(EventField.QUEUE, wrapUp.queue().value());
        }
        emit(RoutingEventType.WRAP_UP_ENDED, payload);
    }

    // ---- events --------------------------------------------------------------------------------------------

    private void publish(StateChange change) {
        Map<EventField, String> payload = fields(EventField.AGENT, change.agent(),
                EventField.AGENT_EVENT, change.event(), EventField.FROM_STATE, change.from(),
                EventField.TO_STATE, change.to());
        change.pauseReason().ifPresent(r -> payload.put(EventField.REASON, r.code()));
        emit(RoutingEventType.AGENT_STATE_CHANGED, payload);
        if (change.asks(AgentAction.CANCEL_WRAP_UP)) {
            finishWrapUp(change.agent());
        }
    }

    private void emit(RoutingEventType type, Map<EventField, String> payload) {
        sink.publish(new RoutingEvent(EventId.random(), now(), type, payload));
    }

    private static Map<EventField, String> offerFields(Offer offer) {
        return fields(EventField.QUEUE, offer.queue(), EventField.INTERACTION, offer.interaction(),
                EventField.AGENT, offer.agent(), EventField.OFFER, offer.id(), EventField.CHANNEL, offer.channel());
    }

    private static Map<EventField, String> withReason(Map<EventField, String> payload, String reason) {
        payload.put(EventField.REASON, reason);
        return payload;
    }

    /** Alternating field, value pairs; values are rendered with toString (ids print their value). */
    private static Map<EventField, String> fields(Object... pairs) {
        Map<EventField, String> payload = new EnumMap<>(EventField.class);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                payload.put((EventField) pairs[i], pairs[i + 1].toString());
            }
        }
        return payload;
    }

    // ---- lookups -------------------------------------------------------------------------------------------

    private AgentSession requireAgent(AgentId id) {
        AgentSession agent = agents.get(id);
        if (agent == null) {
            throw new UnknownAgentException(id);
        }
        return agent;
    }

    private Interaction requireInteraction(InteractionId id) {
        Interaction interaction = interactions.get(id);
        if (interaction == null) {
            throw new UnknownInteractionException(id);
        }
        return interaction;
    }

    private Offer requireOffer(OfferId id) {
        return offers.find(id).orElseThrow(() -> new UnknownOfferException(id));
    }

    private WaitingLine requireLine(QueueId queue) {
        WaitingLine line = lines.get(queue);
        if (line == null) {
            throw new UnknownQueueException(queue);
        }
        return line;
    }

    private Set<AgentId> members(QueueId queue) {
        requireLine(queue);
        return members.get(queue);
    }

    private static void cancel(Scheduler.Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    static void logUnexpected(String what, RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, what, e);
    }
}
