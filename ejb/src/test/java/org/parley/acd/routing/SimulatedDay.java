package org.parley.acd.routing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.agent.AgentSession;
import org.parley.acd.routing.agent.AgentState;
import org.parley.acd.routing.agent.ChannelCapacity;
import org.parley.acd.routing.agent.Contact;
import org.parley.acd.routing.agent.PauseReason;
import org.parley.acd.routing.event.EventField;
import org.parley.acd.routing.event.RoutingEvent;
import org.parley.acd.routing.event.RoutingEventType;
import org.parley.acd.routing.interaction.Channel;
import org.parley.acd.routing.interaction.CustomerIdentity;
import org.parley.acd.routing.interaction.Interaction;
import org.parley.acd.routing.interaction.InteractionId;
import org.parley.acd.routing.interaction.InteractionStatus;
import org.parley.acd.routing.kpi.AgentIntervalReport;
import org.parley.acd.routing.kpi.AgentOccupancyProjection;
import org.parley.acd.routing.kpi.Intervals;
import org.parley.acd.routing.kpi.QueueIntervalReport;
import org.parley.acd.routing.kpi.QueueKpiProjection;
import org.parley.acd.routing.offer.Offer;
import org.parley.acd.routing.offer.OfferId;
import org.parley.acd.routing.offer.OfferOutcome;
import org.parley.acd.routing.queue.OverflowTarget;
import org.parley.acd.routing.queue.PriorityAging;
import org.parley.acd.routing.queue.QueueId;
import org.parley.acd.routing.queue.QueueLiveView;
import org.parley.acd.routing.queue.QueuePolicy;
import org.parley.acd.routing.queue.RoutingStrategy;
import org.parley.acd.routing.skill.RelaxationStep;
import org.parley.acd.routing.skill.RequiredSkill;
import org.parley.acd.routing.skill.Skill;
import org.parley.acd.routing.skill.SkillProfile;
import org.parley.acd.routing.skill.SkillRelaxation;
import org.parley.time.ManualClock;
import org.parley.time.ManualScheduler;
import org.parley.time.Scheduler;

/**
 * A day in a simulated contact center, played against one {@link Router} on a manual clock, reproducible from its
 * seed: Poisson arrivals of calls and chats into six queues (one per strategy, plus an overflow queue), exponential
 * talk and chat times, customers who give up or ask for a callback, agents who answer, decline or let offers ring
 * out, take breaks, lose their phone and log out for a while. When the day closes, arrivals stop, every agent comes
 * back and everything still open is served (or, if nobody can serve it, the customer gives up).
 *
 * <p>After every step that touched the router, whether the simulation's or one of the router's own timers, it checks
 * that no agent holds more than one lease or more than a channel's capacity, that nothing rings at two agents outside
 * ring-all or rings once answered, and that the {@link Reconciler} finds nothing to repair and nothing left to route.
 * Every simulated minute the queues' live views must match a view built from the emitted events alone; at the end
 * every interaction must have ended and the {@link QueueKpiProjection}, fed only from the events, must agree with
 * what the router's own records say. The first broken check ends the run with a {@link BrokenInvariantException}.
 *
 * <p>Each router command and timer is timed with {@link System#nanoTime()} around the router call alone; the
 * events it emits are only collected during the call and dealt with afterwards, so the simulation's bookkeeping,
 * the projections and the checks stay outside the measurement.
 */
final class SimulatedDay {

    /** Local midnight, so that a 24-hour day is exactly one report day. */
    static final Instant OPENING = Instant.parse("2026-11-23T00:00:00Z");

    // ---- the center's behaviour; rates are per agent so that a small center is as busy as a large one ----------

    /** Calibrated so that agents are busy (handling or in wrap-up) 80–90 % of their ready time. */
    private static final double CALLS_PER_AGENT_SECOND = 0.0027;
    private static final double CHATS_PER_AGENT_SECOND = 0.0005;
    private static final double MEAN_TALK_SECONDS = 240;
    private static final double MEAN_CHAT_SECONDS = 480;
    private static final double MEAN_CALLBACK_TALK_SECONDS = 180;
    private static final double MEAN_CALL_PATIENCE_SECONDS = 180;
    private static final double MEAN_CHAT_PATIENCE_SECONDS = 420;
    private static final double CALLBACK_REQUEST_SHARE = 0.03;
    private static final double CALLBACK_NOT_ANSWERED_SHARE = 0.25;
    /** The rest of the offers ring until the queue's ring timeout takes them back. */
    private static final double ACCEPT_SHARE = 0.91;
    private static final double DECLINE_SHARE = 0.04;
    private static final double EARLY_READY_AFTER_WRAP_UP_SHARE = 0.2;
    private static final double MEAN_HOURS_BETWEEN_BREAKS = 2;
    private static final double MEAN_HOURS_BETWEEN_LOG_OUTS = 16;
    private static final double MEAN_HOURS_BETWEEN_LOST_PHONES = 12;
    private static final List<PauseReason> BREAKS = List.of(PauseReason.of("break"), PauseReason.of("lunch"),
            PauseReason.of("training"), PauseReason.of("coaching"));
    private static final int[] BREAK_MINUTES = {10, 30, 20, 15};
    /** After closing, how long the remaining customers are served before those nobody can serve give up. */
    private static final Duration DRAIN_LIMIT = Duration.ofHours(8);
    private static final Duration LIVE_VIEW_CHECK_EVERY = Duration.ofMinutes(1);
    /** As in the server: a forgetting step every minute, of at most this many interactions. */
    private static final Duration FORGET_EVERY = Duration.ofMinutes(1);
    private static final int FORGET_PER_STEP = 1_000;
    private static final Duration SHORT_ABANDON = Duration.ofSeconds(5);
    private static final int MAX_STEPS_PER_SIMULATED_HOUR_AND_AGENT = 2_000;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final List<String> VOICE_SKILLS = List.of("sales", "tech", "billing");
    /** A voice agent is a member of the queue of each voice skill they have. */
    private static final Map<String, QueueId> QUEUE_OF_SKILL = Map.of("sales", QueueId.of("sales"),
            "tech", QueueId.of("support"), "billing", QueueId.of("billing"));

    /**
     * @param agents how many agents staff the center (at least 20, so that every queue has members)
     * @param length how long customers arrive; the drain afterwards is not counted in it
     */
    /**
     * @param retention how long the router keeps ended interactions; it forgets them in steps every simulated
     *                  minute, as the server's engine does
     */
    record Settings(long seed, int agents, Duration length, Duration retention) {
        Settings(long seed, int agents, Duration length) {
            this(seed, agents, length, Router.DEFAULT_RETENTION);
        }

        Settings {
            if (agents < 20) {
                throw new IllegalArgumentException("the simulation needs at least 20 agents, not " + agents);
            }
            if (length.isNegative() || length.isZero() || length.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException("a simulated day lasts between a moment and a week: " + length);
            }
        }
    }

    /** A router call the simulation times; only those that route afterwards count as routing decisions. */
    enum Call {
        ENQUEUE(true), ACCEPT(true), DECLINE(true), COMPLETE(true), CUSTOMER_LEFT(true), REQUEST_CALLBACK(true),
        CALLBACK_NOT_ANSWERED(true), GO_READY(true), LOG_IN(true), LOG_OUT(true), UNREACHABLE(true),
        REACHABLE(true), PAUSE(false),
        /** The engine's periodic step that forgets ended interactions past their retention. */
        FORGET(false),
        /** A timer the router set: ring timeout, wrap-up end, maximum wait, relaxation step, callback retry. */
        TIMER(true);

        final boolean routes;

        Call(boolean routes) {
            this.routes = routes;
        }
    }

    /** A broken routing invariant or a disagreement between the router and its event stream. */
    static final class BrokenInvariantException extends RuntimeException {
        BrokenInvariantException(String message) {
            super(message);
        }

        BrokenInvariantException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Nanoseconds spent in each timed router call, in call order, with the kind of call. */
    static final class CallTimes {
        private long[] nanos = new long[1 << 14];
        private byte[] kinds = new byte[1 << 14];
        private int size;
        private long total;
        private long cpu;

        void add(Call kind, long elapsed, long cpuElapsed) {
            cpu += cpuElapsed;
            add(kind, elapsed);
        }

        private void add(Call kind, long elapsed) {
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
                kinds = Arrays.copyOf(kinds, size * 2);
            }
            nanos[size] = elapsed;
            kinds[size] = (byte) kind.ordinal();
            size++;
            total += elapsed;
        }

        int count() {
            return size;
        }

        long totalNanos() {
            return total;
        }

        /** The thread's CPU time in these calls: what the wall time would be with a core to itself. */
        long cpuNanos() {
            return cpu;
        }

        /** The latencies of one kind of call (or of all, for null), sorted ascending. */
        long[] sorted(Call kind) {
            long[] picked = new long[size];
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (kind == null || kinds[i] == kind.ordinal()) {
                    picked[n++] = nanos[i];
                }
            }
            long[] result = Arrays.copyOf(picked, n);
            Arrays.sort(result);
            return result;
        }

        /** The nearest-rank percentile of sorted latencies; 0 for none. */
        static long percentile(long[] sorted, double percent) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(percent / 100 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }

    /** One queue's day as the KPI projection reports it, summed over its intervals. */
    record QueueDay(QueueId queue, RoutingStrategy strategy, int offered, int answered, int abandoned,
                    int shortAbandons, int overflowed, int answeredWithinThreshold, int abandonedAfterThreshold,
                    Duration totalWaitAnswered, int handled) {

        double serviceLevel() {
            int base = answered + abandonedAfterThreshold;
            return base == 0 ? Double.NaN : (double) answeredWithinThreshold / base;
        }

        Duration averageSpeedOfAnswer() {
            return answered == 0 ? Duration.ZERO : totalWaitAnswered.dividedBy(answered);
        }
    }

    /** What the run did and how long the router took doing it. */
    record Outcome(Settings settings, int voiceAgents, int chatAgents, int blendedAgents, int callsArrived,
                   int chatsArrived, Map<RoutingEventType, Long> events, Map<String, Long> pausesByReason,
                   long invariantChecks, long liveViewChecks, int gaveUpAtDrainEnd, Duration drained,
                   double occupancy, List<QueueDay> queues, CallTimes routing, CallTimes other,
                   long offerDecisions, Router.Footprint peakFootprint, Router.Footprint endFootprint,
                   long forgotten) {

        long eventCount() {
            return events.values().stream().mapToLong(Long::longValue).sum();
        }

        long count(RoutingEventType type) {
            return events.getOrDefault(type, 0L);
        }
    }

    // ---- the parts ------------------------------------------------------------------------------------------

    private record Demand(QueueId queue, Channel channel, double weight, int priority, String skill, int lowest,
                          int highest) {
    }

    private record Happening(Instant at, long order, String what, Object about, Runnable action)
            implements Comparable<Happening> {
        @Override
        public int compareTo(Happening other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    private record Staff(AgentId id, boolean voice, boolean chat, List<QueueId> queues) {
    }

    private final Settings settings;
    private final Random random;
    private final ManualClock clock = new ManualClock(OPENING);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<RoutingEvent> emitted = new ArrayList<>();
    private final Router router;
    private final Reconciler reconciler = new Reconciler();
    private final Instant closing;
    private final long maxSteps;

    private final Map<QueueId, QueuePolicy> policies = new LinkedHashMap<>();
    private final List<Demand> callDemand = new ArrayList<>();
    private final List<Demand> chatDemand = new ArrayList<>();
    private final List<Staff> staff = new ArrayList<>();
    private final PriorityQueue<Happening> agenda = new PriorityQueue<>();
    private long happeningOrder;

    private final Set<OfferId> ringing = new LinkedHashSet<>();
    private final Map<InteractionId, QueueId> firstQueue = new LinkedHashMap<>();
    private final Map<InteractionId, List<InteractionId>> callbacksOf = new HashMap<>();
    private final Set<InteractionId> everQueued = new LinkedHashSet<>();
    // The router's own interaction and offer objects, kept by the simulation when it learns of them, so that the
    // end-of-day comparison still sees the router's records of what it has since forgotten.
    private final Map<InteractionId, Interaction> known = new HashMap<>();
    private final Map<InteractionId, QueueId> lastQueued = new HashMap<>();
    private final Map<InteractionId, List<Offer>> offersMade = new HashMap<>();
    private Router.Footprint peakFootprint = new Router.Footprint(0, 0, 0, 0);
    private long forgotten;
    private final EventFedLiveView eventView = new EventFedLiveView();
    private final QueueKpiProjection queueKpis;
    private final AgentOccupancyProjection occupancy;
    private final Map<RoutingEventType, Long> eventCounts = new EnumMap<>(RoutingEventType.class);
    private final Map<String, Long> pausesByReason = new TreeMap<>();
    private final CallTimes routingTimes = new CallTimes();
    private final CallTimes otherTimes = new CallTimes();
    private final Set<InteractionId> offeredInThisCall = new HashSet<>();
    private long offerDecisions;
    private long invariantChecks;
    private long liveViewChecks;
    private long steps;
    private int callsArrived;
    private int chatsArrived;
    private int callbackNumbers;
    private int gaveUp;
    private Duration drainedFor = Duration.ZERO;
    private boolean draining;
    private boolean settled;
    private boolean checking;
    private String step = "setting up";

    SimulatedDay(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = new Random(settings.seed());
        this.closing = OPENING.plus(settings.length());
        this.maxSteps = Math.max(100_000L, MAX_STEPS_PER_SIMULATED_HOUR_AND_AGENT * (long) settings.agents()
                * (settings.length().plus(DRAIN_LIMIT).toHours() + 1));
        Scheduler timed = (at, task) -> scheduler.schedule(at, () -> {
            step = "router timer";
            timed(Call.TIMER, task);
        });
        router = new Router(clock, timed, emitted::add, settings.retention());
        queueKpis = new QueueKpiProjection(new Intervals(Duration.ofMinutes(30), clock.getZone()), SHORT_ABANDON,
                q -> policies.get(q).serviceLevelThreshold());
        occupancy = new AgentOccupancyProjection(new Intervals(Duration.ofDays(1), clock.getZone()));
    }

    /** Plays the day, drains it and checks the end; throws {@link BrokenInvariantException} on the first fault. */
    Outcome run() {
        defineQueues();
        hireAgents();
        observeEmitted();
        startTheDay();
        play(closing);
        double busy = occupancyNow();
        closeAndDrain();
        List<QueueDay> queues = checkTheReportAgainstTheRouter();
        return new Outcome(settings, count(s -> s.voice() && !s.chat()), count(s -> s.chat() && !s.voice()),
                count(s -> s.voice() && s.chat()), callsArrived, chatsArrived, new EnumMap<>(eventCounts),
                new TreeMap<>(pausesByReason), invariantChecks, liveViewChecks, gaveUp, drainedFor, busy, queues,
                routingTimes, otherTimes, offerDecisions, peakFootprint, router.footprint(), forgotten);
    }

    // ---- the center -----------------------------------------------------------------------------------------

    private void defineQueues() {
        int agents = settings.agents();
        QueueId general = define(QueuePolicy.builder(QueueId.of("general")).strategy(RoutingStrategy.LONGEST_IDLE)
                .wrapUp(Duration.ofSeconds(10)).maxWait(Duration.ofMinutes(3)).overflowTo(OverflowTarget.voicemail()));
        QueueId sales = define(QueuePolicy.builder(QueueId.of("sales")).strategy(RoutingStrategy.LONGEST_IDLE)
                .wrapUp(Duration.ofSeconds(15)).maxWait(Duration.ofSeconds(60))
                .overflowTo(OverflowTarget.toQueue(general))
                .relaxation(SkillRelaxation.of(new RelaxationStep(Duration.ofSeconds(20), 4),
                        new RelaxationStep(Duration.ofSeconds(60), 1))));
        QueueId support = define(QueuePolicy.builder(QueueId.of("support")).strategy(RoutingStrategy.SKILLS_WEIGHTED)
                .wrapUp(Duration.ofSeconds(30)).maxSize(Math.max(4, agents / 25))
                .overflowTo(OverflowTarget.callback())
                .relaxation(SkillRelaxation.of(new RelaxationStep(Duration.ofSeconds(45), 2),
                        new RelaxationStep(Duration.ofSeconds(120), 1))));
        QueueId billing = define(QueuePolicy.builder(QueueId.of("billing")).strategy(RoutingStrategy.ROUND_ROBIN)
                .wrapUp(Duration.ofSeconds(20)).aging(new PriorityAging(Duration.ofSeconds(30), 1, 4))
                .relaxation(SkillRelaxation.of(new RelaxationStep(Duration.ofSeconds(90), 1))));
        QueueId vip = define(QueuePolicy.builder(QueueId.of("vip")).strategy(RoutingStrategy.RING_ALL)
                .wrapUp(Duration.ofSeconds(10)).ringTimeout(Duration.ofSeconds(20))
                .serviceLevel(0.9, Duration.ofSeconds(10)));
        QueueId chat = define(QueuePolicy.builder(QueueId.of("chat"))
                .strategy(RoutingStrategy.FEWEST_INTERACTIONS_TODAY).wrapUp(Duration.ofSeconds(5))
                .serviceLevel(0.8, Duration.ofSeconds(60)).expectedHandleTime(Duration.ofMinutes(8))
                .relaxation(SkillRelaxation.of(new RelaxationStep(Duration.ofSeconds(60), 1))));
        callDemand.add(new Demand(sales, Channel.VOICE, 0.35, 0, "sales", 1, 7));
        callDemand.add(new Demand(support, Channel.VOICE, 0.30, 0, "tech", 3, 8));
        callDemand.add(new Demand(billing, Channel.VOICE, 0.22, 0, "billing", 1, 5));
        callDemand.add(new Demand(vip, Channel.VOICE, 0.05, 5, null, 0, 0));
        callDemand.add(new Demand(general, Channel.VOICE, 0.08, 0, null, 0, 0));
        chatDemand.add(new Demand(chat, Channel.CHAT, 0.70, 0, null, 0, 0));
        chatDemand.add(new Demand(chat, Channel.CHAT, 0.15, 0, "tech", 2, 6));
        chatDemand.add(new Demand(chat, Channel.CHAT, 0.15, 0, "billing", 2, 5));
        router.allowPauseReasons(Set.copyOf(BREAKS));
    }

    private QueueId define(QueuePolicy.Builder builder) {
        QueuePolicy policy = builder.build();
        router.defineQueue(policy);
        policies.put(policy.id(), policy);
        eventView.lines.put(policy.id(), new LinkedHashMap<>());
        return policy.id();
    }

    /** 55 % blended (voice and chat), 30 % voice only, 15 % chat only; skills at random levels 1–10. */
    private void hireAgents() {
        for (int n = 0; n < settings.agents(); n++) {
            double kind = random.nextDouble();
            boolean voice = kind < 0.85;
            boolean chat = kind < 0.55 || kind >= 0.85;
            SkillProfile skills = SkillProfile.none();
            for (String skill : VOICE_SKILLS) {
                if (random.nextDouble() < 0.55) {
                    skills = skills.with(skill, 1 + random.nextInt(10));
                }
            }
            if (skills.levels().isEmpty()) {
                skills = skills.with(VOICE_SKILLS.get(random.nextInt(VOICE_SKILLS.size())), 1 + random.nextInt(10));
            }
            if (random.nextDouble() < 0.2) {
                skills = skills.with("spanish", 1 + random.nextInt(10));
            }
            ChannelCapacity capacity = ChannelCapacity.standard();
            if (!chat) {
                capacity = capacity.with(Channel.CHAT, 0);
            }
            if (!voice) {
                capacity = capacity.with(Channel.VOICE, 0).with(Channel.CALLBACK, 0);
            }
            List<QueueId> queues = new ArrayList<>();
            if (voice) {
                for (String skill : VOICE_SKILLS) {
                    if (skills.levelOf(Skill.named(skill)).isPresent()) {
                        queues.add(QUEUE_OF_SKILL.get(skill));
                    }
                }
                if (n % 12 == 0) {
                    queues.add(QueueId.of("vip"));
                }
                if (!queues.contains(QueueId.of("general")) && random.nextBoolean()) {
                    queues.add(QueueId.of("general"));
                }
            }
            if (chat) {
                queues.add(QueueId.of("chat"));
            }
            AgentId id = AgentId.of(String.format("agent%04d", n));
            router.addAgent(id, skills, capacity);
            router.logIn(id);
            queues.forEach(q -> router.assign(id, q));
            staff.add(new Staff(id, voice, chat, List.copyOf(queues)));
        }
    }

    private void startTheDay() {
        nextCall(OPENING);
        nextChat(OPENING);
        for (Staff s : staff) {
            breakLater(s);
            logOutLater(s);
            phoneLostLater(s);
        }
        at(OPENING.plus(LIVE_VIEW_CHECK_EVERY), "live view check", null, this::checkLiveViews);
        at(OPENING.plus(FORGET_EVERY), "forget ended interactions", null, this::forgetEnded);
    }

    /** The engine's step: bounded, repeated at once while more are due; every invariant is checked after each. */
    private void forgetEnded() {
        Router.Footprint before = router.footprint();
        if (before.interactions() + before.offers() > peakFootprint.interactions() + peakFootprint.offers()) {
            peakFootprint = before;
        }
        do {
            forgotten += timed(Call.FORGET, () -> router.forgetEnded(FORGET_PER_STEP));
        } while (router.hasEndedToForget());
        if (!settled) {
            at(now().plus(FORGET_EVERY), "forget ended interactions", null, this::forgetEnded);
        }
    }

    // ---- customers ------------------------------------------------------------------------------------------

    private void nextCall(Instant after) {
        Instant at = after.plus(exponential(1 / (CALLS_PER_AGENT_SECOND * settings.agents())));
        if (at.isBefore(closing)) {
            at(at, "call arrives", null, this::callArrives);
        }
    }

    private void nextChat(Instant after) {
        Instant at = after.plus(exponential(1 / (CHATS_PER_AGENT_SECOND * settings.agents())));
        if (at.isBefore(closing)) {
            at(at, "chat arrives", null, this::chatArrives);
        }
    }

    private void callArrives() {
        Demand demand = pick(callDemand);
        InteractionId id = arrive(demand);
        callsArrived++;
        giveUpLater(id, MEAN_CALL_PATIENCE_SECONDS);
        if (demand.priority() == 0 && random.nextDouble() < CALLBACK_REQUEST_SHARE) {
            at(now().plus(uniform(20, 90)), "customer asks for a callback", id, () -> {
                if (isWaiting(id)) {
                    CustomerIdentity number = CustomerIdentity.of("+49301" + (callbackNumbers++));
                    timed(Call.REQUEST_CALLBACK, () -> router.requestCallback(id, number));
                }
            });
        }
        nextCall(now());
    }

    private void chatArrives() {
        InteractionId id = arrive(pick(chatDemand));
        chatsArrived++;
        giveUpLater(id, MEAN_CHAT_PATIENCE_SECONDS);
        nextChat(now());
    }

    private InteractionId arrive(Demand demand) {
        List<RequiredSkill> needs = new ArrayList<>();
        if (demand.skill() != null) {
            needs.add(RequiredSkill.of(demand.skill(),
                    demand.lowest() + random.nextInt(demand.highest() - demand.lowest() + 1)));
        }
        if (demand.channel() == Channel.VOICE && demand.skill() != null && random.nextDouble() < 0.1) {
            needs.add(RequiredSkill.of("spanish", 2 + random.nextInt(4)));
        }
        int priority = demand.priority() > 0 ? demand.priority() : random.nextDouble() < 0.2 ? 1 : 0;
        String customer = (demand.channel() == Channel.CHAT ? "visitor-" : "+49300") + (callsArrived + chatsArrived);
        InteractionId id = timed(Call.ENQUEUE, () -> router.enqueue(demand.queue(), demand.channel(),
                CustomerIdentity.of(customer), priority, needs));
        firstQueue.put(id, demand.queue());
        return id;
    }

    private void giveUpLater(InteractionId id, double meanPatienceSeconds) {
        at(now().plus(exponential(meanPatienceSeconds)), "customer gives up", id, () -> {
            if (isWaiting(id)) {
                timed(Call.CUSTOMER_LEFT, () -> router.customerLeft(id));
            }
        });
    }

    private boolean isWaiting(InteractionId id) {
        InteractionStatus status = record(id).status();
        return status == InteractionStatus.WAITING || status == InteractionStatus.OFFERED;
    }

    private void converseLater(InteractionId id, Channel channel) {
        if (channel == Channel.CALLBACK && random.nextDouble() < CALLBACK_NOT_ANSWERED_SHARE) {
            at(now().plus(uniform(15, 40)), "callback not answered", id, () -> {
                if (isConnected(id)) {
                    timed(Call.CALLBACK_NOT_ANSWERED, () -> router.callbackNotAnswered(id));
                }
            });
            return;
        }
        double mean = switch (channel) {
            case VOICE -> MEAN_TALK_SECONDS;
            case CHAT -> MEAN_CHAT_SECONDS;
            case CALLBACK -> MEAN_CALLBACK_TALK_SECONDS;
        };
        boolean customerEnds = random.nextBoolean();
        at(now().plus(exponential(mean)), "conversation ends", id, () -> {
            if (isConnected(id)) {
                if (customerEnds) {
                    timed(Call.CUSTOMER_LEFT, () -> router.customerLeft(id));
                } else {
                    timed(Call.COMPLETE, () -> router.complete(id));
                }
            }
        });
    }

    private boolean isConnected(InteractionId id) {
        return record(id).status() == InteractionStatus.CONNECTED;
    }

    // ---- agents ---------------------------------------------------------------------------------------------

    private void respondLater(OfferId offer, Channel channel) {
        double roll = random.nextDouble();
        if (draining || roll < ACCEPT_SHARE) {
            Duration after = channel == Channel.CHAT ? uniform(2, 8) : uniform(1, 5);
            at(now().plus(after), "agent answers", offer, () -> {
                if (ringing.contains(offer)) {
                    timed(Call.ACCEPT, () -> router.accept(offer));
                }
            });
        } else if (roll < ACCEPT_SHARE + DECLINE_SHARE) {
            at(now().plus(uniform(1, 4)), "agent declines", offer, () -> {
                if (ringing.contains(offer)) {
                    timed(Call.DECLINE, () -> router.decline(offer));
                }
            });
        }
    }

    private void breakLater(Staff s) {
        if (draining) {
            return;
        }
        at(now().plus(exponential(MEAN_HOURS_BETWEEN_BREAKS * 3600)), "agent wants a break", s.id(), () -> {
            int which = random.nextInt(BREAKS.size());
            takeBreak(s, which, 0);
        });
    }

    private void takeBreak(Staff s, int which, int attempt) {
        if (draining) {
            return;
        }
        PauseReason reason = BREAKS.get(which);
        switch (session(s).state()) {
            case AVAILABLE, WRAP_UP, PAUSED -> {
                timed(Call.PAUSE, () -> router.pause(s.id(), reason));
                Duration length = Duration.ofSeconds(
                        Math.round(BREAK_MINUTES[which] * 60 * (0.7 + 0.6 * random.nextDouble())));
                at(now().plus(length), "agent back from " + reason, s.id(), () -> {
                    AgentSession session = session(s);
                    if (session.state() == AgentState.PAUSED
                            && session.pauseReason().filter(reason::equals).isPresent()) {
                        timed(Call.GO_READY, () -> router.goReady(s.id()));
                    }
                    breakLater(s);
                });
            }
            case BUSY, RESERVED -> {
                if (attempt < 40) {
                    at(now().plus(Duration.ofSeconds(30)), "agent still wants a break", s.id(),
                            () -> takeBreak(s, which, attempt + 1));
                } else {
                    breakLater(s);
                }
            }
            case LOGGED_OUT -> breakLater(s);
        }
    }

    private void logOutLater(Staff s) {
        if (draining) {
            return;
        }
        at(now().plus(exponential(MEAN_HOURS_BETWEEN_LOG_OUTS * 3600)), "agent logs out", s.id(),
                () -> logOut(s, 0));
    }

    private void logOut(Staff s, int attempt) {
        if (draining) {
            return;
        }
        AgentSession session = session(s);
        boolean free = switch (session.state()) {
            case AVAILABLE, PAUSED, WRAP_UP -> true;
            // logging out while an offer rings withdraws it, but not with a chat still open
            case RESERVED -> session.connected().isEmpty();
            case BUSY, LOGGED_OUT -> false;
        };
        if (free) {
            timed(Call.LOG_OUT, () -> router.logOut(s.id()));
            at(now().plus(uniform(5 * 60, 20 * 60)), "agent logs back in", s.id(), () -> {
                if (session(s).state() == AgentState.LOGGED_OUT) {
                    timed(Call.LOG_IN, () -> router.logIn(s.id()));
                }
                logOutLater(s);
            });
        } else if (session.state() == AgentState.BUSY && attempt < 60) {
            at(now().plus(Duration.ofMinutes(1)), "agent still wants to log out", s.id(), () -> logOut(s, attempt + 1));
        } else {
            logOutLater(s);
        }
    }

    private void phoneLostLater(Staff s) {
        if (draining) {
            return;
        }
        at(now().plus(exponential(MEAN_HOURS_BETWEEN_LOST_PHONES * 3600)), "agent's phone is lost", s.id(), () -> {
            if (draining) {
                return;
            }
            if (session(s).isReachable()) {
                timed(Call.UNREACHABLE, () -> router.agentUnreachable(s.id(), Contact.PHONE));
                at(now().plus(uniform(10, 60)), "agent's phone is back", s.id(), () -> {
                    if (!session(s).isReachable()) {
                        timed(Call.REACHABLE, () -> router.agentReachable(s.id(), Contact.PHONE));
                    }
                });
            }
            phoneLostLater(s);
        });
    }

    private AgentSession session(Staff s) {
        return router.agent(s.id()).orElseThrow();
    }

    // ---- the clock ------------------------------------------------------------------------------------------

    /**
     * Runs the agenda, and the router's timers between its entries, up to {@code until}; while draining it stops
     * as soon as the live-view check finds nothing open and every agent free.
     */
    private void play(Instant until) {
        while (!agenda.isEmpty() && !agenda.peek().at().isAfter(until) && !settled) {
            if (++steps > maxSteps) {
                throw new BrokenInvariantException("the simulation did not finish within " + maxSteps + " steps");
            }
            Happening next = agenda.poll();
            scheduler.elapse(Duration.between(now(), next.at()));
            step = next.what() + (next.about() == null ? "" : " " + next.about());
            next.action().run();
        }
        if (!draining && until.isAfter(now())) {
            scheduler.elapse(Duration.between(now(), until));
        }
    }

    private void at(Instant when, String what, Object about, Runnable action) {
        agenda.add(new Happening(when, happeningOrder++, what, about, action));
    }

    private Instant now() {
        return clock.instant();
    }

    private void timed(Call kind, Runnable call) {
        timed(kind, () -> {
            call.run();
            return null;
        });
    }

    /** Times the router call alone, then handles what it emitted and checks the invariants. */
    private <T> T timed(Call kind, Supplier<T> call) {
        T result;
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        try {
            result = call.get();
        } catch (RuntimeException e) {
            throw new BrokenInvariantException(
                    context() + "the router refused " + kind + " during '" + step + "': " + e, e);
        } finally {
            long elapsed = System.nanoTime() - start;
            long cpuElapsed = THREADS.getCurrentThreadCpuTime() - cpuStart;
            (kind.routes ? routingTimes : otherTimes).add(kind, elapsed, cpuElapsed);
        }
        observeEmitted();
        checkInvariants();
        return result;
    }

    // ---- the events -----------------------------------------------------------------------------------------

    private void observeEmitted() {
        if (emitted.isEmpty()) {
            return;
        }
        List<RoutingEvent> batch = List.copyOf(emitted);
        emitted.clear();
        offeredInThisCall.clear();
        for (RoutingEvent e : batch) {
            observe(e);
        }
        offerDecisions += offeredInThisCall.size();
    }

    private void observe(RoutingEvent e) {
        learn(e);
        eventCounts.merge(e.type(), 1L, Long::sum);
        queueKpis.apply(e);
        occupancy.apply(e);
        eventView.apply(e);
        switch (e.type()) {
            case INTERACTION_QUEUED -> everQueued.add(new InteractionId(e.require(EventField.INTERACTION)));
            case CALLBACK_REQUESTED -> callbacksOf.computeIfAbsent(new InteractionId(e.require(EventField.INTERACTION)),
                    i -> new ArrayList<>()).add(new InteractionId(e.require(EventField.CALLBACK)));
            case INTERACTION_OFFERED -> {
                OfferId offer = new OfferId(e.require(EventField.OFFER));
                InteractionId interaction = new InteractionId(e.require(EventField.INTERACTION));
                Channel channel = Channel.valueOf(e.require(EventField.CHANNEL));
                ringing.add(offer);
                offeredInThisCall.add(interaction);
                respondLater(offer, channel);
            }
            case OFFER_ACCEPTED -> {
                ringing.remove(new OfferId(e.require(EventField.OFFER)));
                converseLater(new InteractionId(e.require(EventField.INTERACTION)),
                        Channel.valueOf(e.require(EventField.CHANNEL)));
            }
            case OFFER_DECLINED, OFFER_TIMED_OUT, OFFER_CANCELLED ->
                    ringing.remove(new OfferId(e.require(EventField.OFFER)));
            case AGENT_STATE_CHANGED -> agentChanged(e);
            default -> {
                // the rest only feeds the counts, the projections and the live view
            }
        }
    }

    private void agentChanged(RoutingEvent e) {
        AgentId agent = AgentId.of(e.require(EventField.AGENT));
        AgentState to = AgentState.valueOf(e.require(EventField.TO_STATE));
        if (to == AgentState.PAUSED) {
            String reason = e.get(EventField.REASON).orElse("?");
            pausesByReason.merge(reason, 1L, Long::sum);
            if (PauseReason.MISSED_OFFERS.code().equals(reason)) {
                // a supervisor notices and puts the agent back to work
                at(now().plus(uniform(30, 180)), "supervisor readies agent", agent, () -> {
                    AgentSession session = router.agent(agent).orElseThrow();
                    if (session.state() == AgentState.PAUSED
                            && session.pauseReason().filter(PauseReason.MISSED_OFFERS::equals).isPresent()) {
                        timed(Call.GO_READY, () -> router.goReady(agent));
                    }
                });
            }
        } else if (to == AgentState.WRAP_UP && random.nextDouble() < EARLY_READY_AFTER_WRAP_UP_SHARE) {
            at(now().plus(uniform(2, 6)), "agent ends wrap-up early", agent, () -> {
                if (router.agent(agent).orElseThrow().state() == AgentState.WRAP_UP) {
                    timed(Call.GO_READY, () -> router.goReady(agent));
                }
            });
        }
    }

    // ---- the checks -----------------------------------------------------------------------------------------

    /**
     * No agent holds more than one lease or more than a channel's capacity (voice and callback share the headset),
     * an agent is reserved exactly while something rings at them, nothing rings at an unreachable agent, nothing
     * rings at two agents outside ring-all, nothing rings once answered, and the reconciler finds nothing to repair
     * and nothing left to route.
     */
    private void checkInvariants() {
        if (checking) {
            return;
        }
        checking = true;
        try {
            invariantChecks++;
            Map<AgentId, Offer> leaseOf = new HashMap<>();
            Map<InteractionId, Integer> ringsAt = new HashMap<>();
            for (Offer offer : router.offerBook().ringing()) {
                Offer other = leaseOf.put(offer.agent(), offer);
                if (other != null) {
                    fail(offer.agent() + " holds two leases: " + other + " and " + offer);
                }
                int rings = ringsAt.merge(offer.interaction(), 1, Integer::sum);
                if (rings > 1 && !offer.decision().strategy().offersToAll()) {
                    fail(offer.interaction() + " rings at " + rings + " agents under " + offer.decision().strategy());
                }
                InteractionStatus status = router.interaction(offer.interaction()).orElseThrow().status();
                if (status != InteractionStatus.OFFERED) {
                    fail(offer + " rings for an interaction that is " + status);
                }
            }
            Set<InteractionId> connected = new HashSet<>();
            for (AgentSession agent : router.agents()) {
                Offer lease = leaseOf.get(agent.id());
                if ((agent.state() == AgentState.RESERVED) != (lease != null)) {
                    fail(agent + " is " + agent.state() + " with " + (lease == null ? "no lease" : lease));
                }
                if (!agent.ringing().equals(Optional.ofNullable(lease).map(Offer::interaction))) {
                    fail(agent + " thinks " + agent.ringing() + " rings, the offer book says " + lease);
                }
                if (lease != null && !agent.isReachable()) {
                    fail("unreachable " + agent + " is offered " + lease);
                }
                Set<InteractionId> handles = agent.connected();
                Map<Channel, Integer> open = agent.openByChannel();
                for (Map.Entry<Channel, Integer> e : open.entrySet()) {
                    if (e.getValue() > agent.capacity().limit(e.getKey())) {
                        fail(agent + " is over capacity on " + e.getKey() + ": " + open);
                    }
                }
                if (open.getOrDefault(Channel.VOICE, 0) + open.getOrDefault(Channel.CALLBACK, 0) > 1) {
                    fail(agent + " has two calls on the headset: " + open);
                }
                for (InteractionId i : handles) {
                    if (!connected.add(i)) {
                        fail(i + " is connected to two agents, one of them " + agent.id());
                    }
                    InteractionStatus status = router.interaction(i).orElseThrow().status();
                    if (status != InteractionStatus.CONNECTED) {
                        fail(agent + " handles " + i + ", which is " + status);
                    }
                }
                boolean handling = !handles.isEmpty();
                if (lease == null && handling != (agent.state() == AgentState.BUSY)) {
                    fail(agent + " is " + agent.state() + " with " + handles.size() + " open");
                }
            }
            List<InvariantViolation> repairs = reconciler.reconcile(router);
            if (!repairs.isEmpty()) {
                fail("the reconciler repaired " + repairs);
            }
            if (!emitted.isEmpty()) {
                fail("the reconciler's dispatch routed what the router had left: "
                        + emitted.stream().map(e -> e.type() + " " + e.payload()).toList());
            }
        } finally {
            checking = false;
        }
    }

    /** Each queue's live view against the one built from the events alone. */
    private void checkLiveViews() {
        liveViewChecks++;
        Instant now = now();
        for (QueueId queue : policies.keySet()) {
            QueueLiveView live = router.liveView(queue);
            Map<InteractionId, Instant> fromEvents = eventView.lines.get(queue);
            Set<InteractionId> inLine = new HashSet<>();
            router.line(queue).forEach(i -> inLine.add(i.id()));
            if (live.waiting() != fromEvents.size() || !inLine.equals(fromEvents.keySet())) {
                fail("queue " + queue + " has " + live.waiting() + " waiting, the events say " + fromEvents.size());
            }
            Optional<Duration> longest = fromEvents.values().stream().min(Instant::compareTo)
                    .map(oldest -> Duration.between(oldest, now));
            if (!live.longestWait().equals(longest)) {
                fail("queue " + queue + " longest wait " + live.longestWait() + ", the events say " + longest);
            }
            Map<AgentState, Integer> byState = new EnumMap<>(AgentState.class);
            staff.stream().filter(s -> s.queues().contains(queue))
                    .forEach(s -> byState.merge(eventView.states.getOrDefault(s.id(), AgentState.LOGGED_OUT), 1,
                            Integer::sum));
            if (!live.agentsByState().equals(byState)) {
                fail("queue " + queue + " agents " + live.agentsByState() + ", the events say " + byState);
            }
        }
        if (draining && router.liveInteractions().isEmpty()
                && router.agents().stream().allMatch(a -> a.state() == AgentState.AVAILABLE)) {
            settled = true;
        } else {
            at(now.plus(LIVE_VIEW_CHECK_EVERY), "live view check", null, this::checkLiveViews);
        }
    }

    /** Keeps the router's objects an event names, while the router still holds them. */
    private void learn(RoutingEvent e) {
        for (EventField field : List.of(EventField.INTERACTION, EventField.CALLBACK)) {
            e.get(field).map(InteractionId::new).ifPresent(id -> {
                if (!known.containsKey(id)) {
                    router.interaction(id).ifPresent(i -> known.put(id, i));
                }
            });
        }
        if (e.type() == RoutingEventType.INTERACTION_QUEUED) {
            lastQueued.put(new InteractionId(e.require(EventField.INTERACTION)),
                    QueueId.of(e.require(EventField.QUEUE)));
        } else if (e.type() == RoutingEventType.INTERACTION_OFFERED) {
            Offer offer = router.offer(new OfferId(e.require(EventField.OFFER))).orElseThrow(
                    () -> new BrokenInvariantException(context() + "an offer just made is not held: " + e));
            offersMade.computeIfAbsent(offer.interaction(), i -> new ArrayList<>()).add(offer);
        }
    }

    /** The router's interaction, from the simulation's memory once the router has forgotten it. */
    private Interaction record(InteractionId id) {
        Interaction held = router.interaction(id).orElse(null);
        Interaction kept = known.get(id);
        if (held != null && kept != null && held != kept) {
            fail("the router holds another object for " + id + " than the one it announced");
        }
        if (held == null && kept == null) {
            fail(id + " is unknown to the router and was never announced");
        }
        return held != null ? held : kept;
    }

    private Optional<QueueId> queueOf(InteractionId id) {
        Optional<QueueId> held = router.queueOf(id);
        if (held.isPresent() && !held.equals(Optional.ofNullable(lastQueued.get(id)))) {
            fail(id + " is in " + held + " for the router, in " + lastQueued.get(id) + " for its events");
        }
        return Optional.ofNullable(lastQueued.get(id));
    }

    private List<Offer> offersOf(InteractionId id) {
        List<Offer> kept = offersMade.getOrDefault(id, List.of());
        List<Offer> held = router.offersOf(id);
        if (!held.isEmpty() && !held.equals(kept)) {
            fail(id + " has offers " + held + " in the router, " + kept + " announced");
        }
        return kept;
    }

    private void fail(String what) {
        throw new BrokenInvariantException(context() + what + " (after '" + step + "')");
    }

    private String context() {
        return "at " + now() + " (seed " + settings.seed() + "): ";
    }

    // ---- closing --------------------------------------------------------------------------------------------

    /** Every agent comes back and answers everything; what nobody can serve within the limit is given up. */
    private void closeAndDrain() {
        draining = true;
        step = "closing";
        for (Staff s : staff) {
            if (!session(s).isReachable()) {
                timed(Call.REACHABLE, () -> router.agentReachable(s.id(), Contact.PHONE));
            }
            if (session(s).state() == AgentState.LOGGED_OUT) {
                timed(Call.LOG_IN, () -> router.logIn(s.id()));
            }
            if (session(s).state() == AgentState.PAUSED) {
                timed(Call.GO_READY, () -> router.goReady(s.id()));
            }
        }
        play(closing.plus(DRAIN_LIMIT));
        for (Interaction i : List.copyOf(router.liveInteractions())) {
            if (i.status() == InteractionStatus.CONNECTED) {
                fail(i + " is still connected " + DRAIN_LIMIT + " after closing");
            }
            step = "customer nobody could serve gives up";
            timed(Call.CUSTOMER_LEFT, () -> router.customerLeft(i.id()));
            gaveUp++;
        }
        // the wrap-ups of the last conversations, and any agent the last ring-outs paused
        Instant settled = now().plus(Duration.ofMinutes(10));
        play(settled);
        scheduler.elapse(Duration.between(now(), settled));
        drainedFor = Duration.between(closing, now());
        checkLiveViews();
        for (InteractionId id : everQueued) {
            Interaction i = record(id);
            if (!i.status().isFinal()) {
                fail(i + " never ended");
            }
        }
        for (Staff s : staff) {
            AgentSession session = session(s);
            if (session.state() != AgentState.AVAILABLE || !session.connected().isEmpty()) {
                fail(session + " is not free after the drain: " + session.connected());
            }
        }
        if (!router.offerBook().ringing().isEmpty() || !ringing.isEmpty()) {
            fail("offers still ring after the drain: " + router.offerBook().ringing());
        }
    }

    /** Occupancy = handling ÷ (handling + idle) over all agents so far, from the event-fed projection. */
    private double occupancyNow() {
        long handling = 0;
        long idle = 0;
        for (Staff s : staff) {
            Optional<AgentIntervalReport> r = occupancy.report(s.id(), OPENING, now());
            if (r.isPresent()) {
                handling += r.get().handling().toMillis();
                idle += r.get().idle().toMillis();
            }
        }
        return handling + idle == 0 ? Double.NaN : (double) handling / (handling + idle);
    }

    /**
     * The KPI projection, fed from the events alone, against the router's own records: for every customer's stay in
     * every queue, the outcome the router's interactions and offers show (answered, overflowed, abandoned), the wait
     * until answered, and the completed conversations.
     */
    private List<QueueDay> checkTheReportAgainstTheRouter() {
        step = "comparing the report with the router";
        Map<QueueId, Tally> fromRouter = new LinkedHashMap<>();
        policies.keySet().forEach(q -> fromRouter.put(q, new Tally()));
        for (Map.Entry<InteractionId, QueueId> first : firstQueue.entrySet()) {
            List<Interaction> chain = chain(first.getKey());
            Set<QueueId> entered = new LinkedHashSet<>();
            entered.add(first.getValue());
            chain.forEach(i -> queueOf(i.id()).ifPresent(entered::add));
            for (QueueId q : entered) {
                Tally tally = fromRouter.get(q);
                tally.offered++;
                Optional<Offer> answer = chain.stream().flatMap(i -> offersOf(i.id()).stream())
                        .filter(o -> o.outcome() == OfferOutcome.ACCEPTED && o.queue().equals(q))
                        .min((a, b) -> a.endedAt().orElseThrow().compareTo(b.endedAt().orElseThrow()));
                boolean movedOn = q.equals(first.getValue()) && chain.stream()
                        .anyMatch(i -> queueOf(i.id()).filter(other -> !other.equals(q)).isPresent());
                boolean overflowedHere = chain.stream().anyMatch(i -> i.status() == InteractionStatus.OVERFLOWED
                        && queueOf(i.id()).filter(q::equals).isPresent());
                boolean abandonedHere = chain.stream().anyMatch(i -> i.status() == InteractionStatus.ABANDONED
                        && queueOf(i.id()).filter(q::equals).isPresent());
                if (answer.isPresent()) {
                    tally.answered++;
                    Interaction taken = record(answer.get().interaction());
                    Duration wait = taken.waitedUntil(answer.get().endedAt().orElseThrow());
                    tally.waitAnsweredMillis += wait.toMillis();
                    if (wait.compareTo(policies.get(q).serviceLevelThreshold()) <= 0) {
                        tally.answeredWithinThreshold++;
                    }
                } else if (movedOn || overflowedHere) {
                    tally.overflowed++;
                } else if (abandonedHere) {
                    tally.abandoned++;
                } else {
                    fail(first.getKey() + "'s stay in " + q + " has no outcome: " + chain);
                }
            }
            for (Interaction i : chain) {
                if (i.status() == InteractionStatus.COMPLETED) {
                    QueueId q = offersOf(i.id()).stream().filter(o -> o.outcome() == OfferOutcome.ACCEPTED)
                            .reduce((a, b) -> b).orElseThrow().queue();
                    fromRouter.get(q).handled++;
                }
            }
        }
        List<QueueDay> days = new ArrayList<>();
        for (QueueId q : policies.keySet()) {
            QueueDay day = sum(q);
            Tally counted = fromRouter.get(q);
            List<String> disagreements = new ArrayList<>();
            compare(disagreements, "offered", day.offered(), counted.offered);
            compare(disagreements, "answered", day.answered(), counted.answered);
            compare(disagreements, "abandoned (short ones included)", day.abandoned() + day.shortAbandons(),
                    counted.abandoned);
            compare(disagreements, "overflowed", day.overflowed(), counted.overflowed);
            compare(disagreements, "answered within threshold", day.answeredWithinThreshold(),
                    counted.answeredWithinThreshold);
            compare(disagreements, "total wait of the answered (ms)", day.totalWaitAnswered().toMillis(),
                    counted.waitAnsweredMillis);
            compare(disagreements, "handled", day.handled(), counted.handled);
            if (day.offered() != day.answered() + day.abandoned() + day.shortAbandons() + day.overflowed()) {
                disagreements.add("offered is not answered + abandoned + short abandons + overflowed: " + day);
            }
            if (!disagreements.isEmpty()) {
                fail("the report of queue " + q + " disagrees with the router: " + disagreements);
            }
            days.add(day);
        }
        long completed = everQueued.stream()
                .filter(id -> record(id).status() == InteractionStatus.COMPLETED).count();
        int handledInReport = days.stream().mapToInt(QueueDay::handled).sum();
        if (completed != handledInReport || completed != eventCounts.getOrDefault(
                RoutingEventType.INTERACTION_COMPLETED, 0L)) {
            fail("the router completed " + completed + " interactions, the report handled " + handledInReport);
        }
        return days;
    }

    /** One queue's day counted from the router's interactions and offers. */
    private static final class Tally {
        int offered;
        int answered;
        int abandoned;
        int overflowed;
        int answeredWithinThreshold;
        long waitAnsweredMillis;
        int handled;
    }

    private List<Interaction> chain(InteractionId original) {
        List<Interaction> chain = new ArrayList<>();
        List<InteractionId> next = new ArrayList<>(List.of(original));
        for (int i = 0; i < next.size() && i < 100; i++) {
            chain.add(record(next.get(i)));
            next.addAll(callbacksOf.getOrDefault(next.get(i), List.of()));
        }
        return chain;
    }

    private QueueDay sum(QueueId queue) {
        int[] c = new int[8];
        long wait = 0;
        for (QueueIntervalReport r : queueKpis.reports()) {
            if (r.queue().equals(queue)) {
                c[0] += r.offered();
                c[1] += r.answered();
                c[2] += r.abandoned();
                c[3] += r.shortAbandons();
                c[4] += r.overflowed();
                c[5] += r.answeredWithinThreshold();
                c[6] += r.abandonedAfterThreshold();
                c[7] += r.handled();
                wait += r.totalWaitAnswered().toMillis();
            }
        }
        return new QueueDay(queue, policies.get(queue).strategy(), c[0], c[1], c[2], c[3], c[4], c[5], c[6],
                Duration.ofMillis(wait), c[7]);
    }

    private static void compare(List<String> disagreements, String what, long report, long router) {
        if (report != router) {
            disagreements.add(what + ": report " + report + ", router " + router);
        }
    }

    // ---- little helpers -------------------------------------------------------------------------------------

    private int count(Predicate<Staff> which) {
        return (int) staff.stream().filter(which).count();
    }

    private Duration exponential(double meanSeconds) {
        return Duration.ofMillis(Math.round(-Math.log(1 - random.nextDouble()) * meanSeconds * 1000));
    }

    private Duration uniform(double fromSeconds, double toSeconds) {
        return Duration.ofMillis(Math.round((fromSeconds + random.nextDouble() * (toSeconds - fromSeconds)) * 1000));
    }

    private Demand pick(List<Demand> demands) {
        double roll = random.nextDouble() * demands.stream().mapToDouble(Demand::weight).sum();
        for (Demand d : demands) {
            roll -= d.weight();
            if (roll < 0) {
                return d;
            }
        }
        return demands.get(demands.size() - 1);
    }

    /** The queues' lines and the agents' states as the emitted events alone describe them. */
    private static final class EventFedLiveView {
        final Map<QueueId, Map<InteractionId, Instant>> lines = new LinkedHashMap<>();
        final Map<AgentId, AgentState> states = new HashMap<>();

        void apply(RoutingEvent e) {
            switch (e.type()) {
                case INTERACTION_QUEUED ->
                        line(e).put(interaction(e), Instant.parse(e.require(EventField.ENQUEUED_AT)));
                case OFFER_ACCEPTED, INTERACTION_ABANDONED, INTERACTION_OVERFLOWED, CALLBACK_REQUESTED ->
                        e.get(EventField.QUEUE).ifPresent(q -> lines.get(QueueId.of(q)).remove(interaction(e)));
                case AGENT_STATE_CHANGED -> states.put(AgentId.of(e.require(EventField.AGENT)),
                        AgentState.valueOf(e.require(EventField.TO_STATE)));
                default -> {
                    // offers and wrap-ups leave the line and the states as they are
                }
            }
        }

        private Map<InteractionId, Instant> line(RoutingEvent e) {
            return lines.get(QueueId.of(e.require(EventField.QUEUE)));
        }

        private static InteractionId interaction(RoutingEvent e) {
            return new InteractionId(e.require(EventField.INTERACTION));
        }
    }
}
