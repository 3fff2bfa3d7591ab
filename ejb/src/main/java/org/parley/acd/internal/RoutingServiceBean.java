package org.parley.acd.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.parley.access.Caller;
import org.parley.access.NotPermittedException;
import org.parley.acd.AgentAuthority;
import org.parley.acd.AgentId;
import org.parley.acd.AgentRepository;
import org.parley.acd.PauseReasons;
import org.parley.acd.Queue;
import org.parley.acd.QueueId;
import org.parley.acd.QueueRepository;
import org.parley.acd.RoutingService;
import org.parley.acd.routing.Reconciler;
import org.parley.acd.routing.RecoveredState;
import org.parley.acd.routing.Router;
import org.parley.acd.routing.RoutingEngine;
import org.parley.acd.routing.RoutingPausedException;
import org.parley.acd.routing.UnknownPauseReasonException;
import org.parley.acd.routing.agent.AgentSession;
import org.parley.acd.routing.agent.Contact;
import org.parley.acd.routing.agent.IllegalAgentTransitionException;
import org.parley.acd.routing.agent.PauseReason;
import org.parley.acd.routing.interaction.Channel;
import org.parley.acd.routing.interaction.CustomerIdentity;
import org.parley.acd.routing.interaction.IllegalInteractionTransitionException;
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
import org.parley.acd.routing.offer.OfferNotRingingException;
import org.parley.acd.routing.offer.OfferOutcome;
import org.parley.acd.routing.queue.QueueLiveView;
import org.parley.acd.routing.queue.QueuePolicy;
import org.parley.acd.routing.queue.QueuePosition;
import org.parley.acd.routing.skill.RequiredSkill;
import org.parley.event.EventHistory;
import org.parley.event.EventJournal;
import org.parley.rule.RuleViolationException;
import org.parley.rule.StateConflictException;
import org.parley.rule.TemporarilyUnavailableException;
import org.parley.rule.UnknownEntityException;
import org.parley.tenant.Tenant;
import org.parley.tenant.TenantId;
import org.parley.tenant.TenantRepository;
import org.parley.time.ExecutorScheduler;
import org.parley.time.Scheduler;

/**
 * One routing engine per tenant, started from its configuration (at deployment for tenants that were routing before
 * a restart, else on the tenant's first ACD request), kept in line with configuration changes, with its events
 * written behind to the event log ({@link EventJournal}). Translation only: the decisions are the plain-Java
 * {@link Router}'s; this bean maps ids, waits for the engine's answer and turns the router's refusals into the rule
 * exceptions the API maps.
 */
@Startup
@Singleton
@LocalBean
@Local(RoutingService.class)
@DependsOn({"SchemaMigration", "WriteBehindEventJournal"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RoutingServiceBean implements RoutingService {

    private static final System.Logger LOG = System.getLogger(RoutingServiceBean.class.getName());
    /** A command waits this long for the engine; more means the engine is stuck, which is a 500, not a hang. */
    private static final long ANSWER_TIMEOUT_SECONDS = 10;
    private static final Duration RECONCILE_EVERY = Duration.ofSeconds(30);
    /** KPI note: abandons within 5 s are short abandons (misdials, instant hang-ups), counted apart. */
    private static final Duration SHORT_ABANDON = Duration.ofSeconds(5);
    private static final Duration LONGEST_REPORT = Duration.ofDays(31);
    /** Staffing from live figures looks back at most a day: older load says little about the next hour. */
    private static final Duration LONGEST_LOAD_WINDOW = Duration.ofHours(24);
    /** Outcomes of interactions that entered before a report's end are read this far past it. */
    private static final Duration OUTCOME_WINDOW = Duration.ofDays(1);
    /**
     * How far back a restart looks for what was open. Callbacks wait minutes to hours between attempts; anything
     * older than two days has long been closed or is not worth dialling any more.
     */
    private static final Duration RECOVERY_WINDOW = Duration.ofDays(2);
    /** Lets the deployment finish starting before the engines read the log. */
    private static final Duration RESUME_DELAY = Duration.ofSeconds(1);
    /** What a client is told to wait when the ACD is paused because its event log is behind. */
    private static final Duration PAUSED_RETRY_AFTER = Duration.ofSeconds(30);
    /** Ended interactions past their retention are forgotten this often, at most this many per engine command. */
    private static final Duration FORGET_EVERY = Duration.ofMinutes(1);
    private static final int FORGET_PER_STEP = 1_000;

    @Resource
    private ManagedExecutorService executor;

    @Resource
    private ManagedScheduledExecutorService scheduledExecutor;

    @Inject
    private Clock clock;

    /** How long an ended interaction stays answerable (ISO-8601, e.g. PT1H); see {@link Router#forgetEnded}. */
    @Inject
    @ConfigProperty(name = "parley.acd.ended-retention", defaultValue = "PT1H")
    private Duration retention;

    @Inject
    private AgentRepository agents;

    @Inject
    private QueueRepository queues;

    @Inject
    private TenantRepository tenants;

    @EJB
    private EventJournal journal;

    @EJB
    private EventHistory history;

    @EJB
    private PauseReasons pauseReasons;

    private final ConcurrentMap<TenantId, TenantRouter> routers = new ConcurrentHashMap<>();
    private Scheduler scheduler;

    /** A tenant's engine and the configuration it was last brought in line with. */
    private static final class TenantRouter {
        final RoutingEngine engine;
        final ZoneId zone;
        volatile RouterDirectory directory;

        TenantRouter(RoutingEngine engine, ZoneId zone) {
            this.engine = engine;
            this.zone = zone;
        }
    }

    @Resource
    private SessionContext context;

    @PostConstruct
    void start() {
        scheduler = new ExecutorScheduler(scheduledExecutor, clock);
        // Off the deployment thread: tenants that were routing before the restart pick up where they stopped
        // (callbacks are dialled without anyone asking); the others start on their first ACD request.
        RoutingServiceBean self = context.getBusinessObject(RoutingServiceBean.class);
        scheduler.schedule(clock.instant().plus(RESUME_DELAY), self::resumeRecentTenants);
    }

    /** Starts the engines of the tenants with ACD events in the recovery window. */
    public void resumeRecentTenants() {
        for (TenantId tenant : history.tenantsWithEvents(RoutingEventMapping.TYPE_PREFIX,
                clock.instant().minus(RECOVERY_WINDOW))) {
            try {
                router(tenant);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "could not resume the ACD of tenant " + tenant.value()
                        + "; it starts on its next request", e);
            }
        }
    }

    @PreDestroy
    void stop() {
        routers.values().forEach(r -> r.engine.stopReconciling());
    }

    // ---- agents --------------------------------------------------------------------------------------------

    @Override
    public AgentStatus agentStatus(Caller caller, AgentId agent) {
        return call(knowing(caller.tenant(), agent), r -> {
            AgentSession session = session(r, agent);
            AgentAuthority.requireMayObserve(caller, agent);
            return status(r, session);
        });
    }

    @Override
    public AgentStatus changeAgentState(Caller caller, AgentId agent, AgentCommand command,
            Optional<String> pauseReason) {
        if (command == AgentCommand.PAUSE && pauseReason.filter(s -> !s.isBlank()).isEmpty()) {
            throw new RuleViolationException("reason", "a pause needs a reason code");
        }
        return call(knowing(caller.tenant(), agent), r -> {
            AgentSession session = session(r, agent); // first: another tenant's agent is unknown here, not forbidden
            AgentAuthority.requireMayChange(caller, agent, command);
            switch (command) {
                case LOG_IN -> r.logIn(session.id());
                case READY -> r.goReady(session.id());
                case PAUSE -> r.pause(session.id(), PauseReason.of(pauseReason.orElseThrow().strip()));
                case LOG_OUT -> r.logOut(session.id());
            }
            return status(r, session);
        });
    }

    // ---- interactions --------------------------------------------------------------------------------------

    @Override
    public InteractionView enqueue(Caller caller, QueueId queue, Channel channel, String customer, int priority,
            List<RequiredSkill> requiredSkills) {
        caller.requireSupervisorOrAdmin();
        TenantRouter tenant = router(caller.tenant());
        var routingQueue = RouterDirectory.routingId(queue);
        if (!tenant.directory.acceptsCustomers(routingQueue)) {
            // a queue created a moment ago may not have reached the engine yet
            configurationChanged(caller.tenant());
            if (!tenant.directory.acceptsCustomers(routingQueue)) {
                if (queues.find(caller.tenant(), queue).isPresent()) {
                    throw new StateConflictException("queue " + queue.value() + " is disabled", null);
                }
                throw new UnknownEntityException("queue", queue.value());
            }
        }
        CustomerIdentity identity = CustomerIdentity.of(customer);
        return call(tenant, r -> view(r, r.interaction(
                r.enqueue(routingQueue, channel, identity, priority, requiredSkills)).orElseThrow()));
    }

    @Override
    public InteractionView interaction(Caller caller, String id) {
        caller.requireSupervisorOrAdmin();
        return call(caller.tenant(), r -> view(r, interaction(r, id)));
    }

    @Override
    public InteractionView customerLeft(Caller caller, String id) {
        caller.requireSupervisorOrAdmin();
        return call(caller.tenant(), r -> {
            Interaction i = interaction(r, id);
            r.customerLeft(i.id());
            return view(r, i);
        });
    }

    @Override
    public InteractionView requestCallback(Caller caller, String id, String number) {
        caller.requireSupervisorOrAdmin();
        CustomerIdentity callbackNumber = CustomerIdentity.of(number);
        return call(caller.tenant(), r -> {
            Interaction i = interaction(r, id);
            if (i.status() != InteractionStatus.WAITING && i.status() != InteractionStatus.OFFERED) {
                throw new StateConflictException("interaction " + id + " is " + i.status()
                        + "; only a waiting customer can ask for a callback", null);
            }
            return view(r, r.interaction(r.requestCallback(i.id(), callbackNumber)).orElseThrow());
        });
    }

    @Override
    public InteractionView complete(Caller caller, String id) {
        return call(caller.tenant(), r -> {
            Interaction i = interaction(r, id);
            if (!caller.isSupervisorOrAdmin()) {
                AgentAuthority.requireIsAgent(caller, handler(r, i).orElseThrow(() -> new NotPermittedException(
                        "only the agent handling interaction " + id + ", or a supervisor, can complete it")),
                        "complete interaction " + id);
            }
            if (i.status() != InteractionStatus.CONNECTED && i.status() != InteractionStatus.COMPLETED) {
                throw new StateConflictException("interaction " + id + " is " + i.status()
                        + "; only a connected one can be completed", null);
            }
            r.complete(i.id());
            return view(r, i);
        });
    }

    // ---- offers --------------------------------------------------------------------------------------------

    @Override
    public Optional<OfferView> ringingOffer(Caller caller, AgentId agent) {
        return call(knowing(caller.tenant(), agent), r -> {
            AgentSession session = session(r, agent);
            AgentAuthority.requireMayObserve(caller, agent);
            return r.ringingOfferAt(session.id()).map(RoutingServiceBean::view);
        });
    }

    @Override
    public OfferView offer(Caller caller, String id) {
        return call(caller.tenant(), r -> {
            Offer offer = offer(r, id);
            AgentAuthority.requireMayObserve(caller, agentId(offer.agent()));
            return view(offer);
        });
    }

    @Override
    public OfferView accept(Caller caller, String id) {
        return call(caller.tenant(), r -> {
            Offer offer = offer(r, id);
            AgentAuthority.requireIsAgent(caller, agentId(offer.agent()), "accept offer " + id);
            r.accept(offer.id());
            return view(offer);
        });
    }

    @Override
    public OfferView decline(Caller caller, String id) {
        return call(caller.tenant(), r -> {
            Offer offer = offer(r, id);
            AgentAuthority.requireIsAgent(caller, agentId(offer.agent()), "decline offer " + id);
            r.decline(offer.id());
            return view(offer);
        });
    }

    // ---- live view and reports -----------------------------------------------------------------------------

    @Override
    public QueueLive live(Caller caller, QueueId queue) {
        caller.requireSupervisorOrAdmin();
        TenantRouter tenant = router(caller.tenant());
        var routingQueue = RouterDirectory.routingId(queue);
        var now = call(tenant, r -> {
            if (!r.definesQueue(routingQueue)) {
                throw new UnknownEntityException("queue", queue.value());
            }
            return r.liveView(routingQueue);
        });
        return withToday(caller.tenant(), tenant, List.of(now)).get(0);
    }

    @Override
    public List<QueueLive> liveAll(Caller caller) {
        caller.requireSupervisorOrAdmin();
        TenantRouter tenant = router(caller.tenant());
        List<QueueLiveView> views = call(tenant, r -> tenant.directory.queues().stream()
                .map(q -> q.policy().id()).filter(r::definesQueue).map(r::liveView).toList());
        return withToday(caller.tenant(), tenant, views);
    }

    /** Adds today's figures to each view, from one projection of today's log. */
    private List<QueueLive> withToday(TenantId tenantId, TenantRouter tenant, List<QueueLiveView> views) {
        Instant midnight = LocalDate.ofInstant(clock.instant(), tenant.zone).atStartOfDay(tenant.zone).toInstant();
        QueueKpiProjection today = project(tenantId, tenant, new Intervals(Duration.ofDays(1), tenant.zone), midnight,
                clock.instant().plusMillis(1));
        return views.stream().map(v -> new QueueLive(queueId(v.queue()), v.waiting(), v.longestWait(),
                v.agentsByState(), today.report(v.queue(), midnight))).toList();
    }

    @Override
    public List<QueueIntervalReport> queueReport(Caller caller, Instant from, Instant to, Duration interval) {
        caller.requireSupervisorOrAdmin();
        TenantRouter tenant = router(caller.tenant());
        Intervals intervals = reportIntervals(tenant, from, to, interval);
        Instant first = intervals.startOf(from);
        Instant readUntil = to.plus(OUTCOME_WINDOW);
        return project(caller.tenant(), tenant, intervals, first, readUntil).reports().stream()
                .filter(r -> r.intervalStart().isBefore(to))
                .sorted(Comparator.comparing(QueueIntervalReport::intervalStart)
                        .thenComparing(r -> Long.parseLong(r.queue().value())))
                .toList();
    }

    @Override
    public List<AgentIntervalReport> agentReport(Caller caller, Instant from, Instant to, Duration interval) {
        if (!caller.isSupervisorOrAdmin() && caller.agent().isEmpty()) {
            throw new NotPermittedException(caller.name() + " (" + caller.role() + ") speaks for no agent and may "
                    + "not read the agents' reports");
        }
        TenantRouter tenant = router(caller.tenant());
        Intervals intervals = reportIntervals(tenant, from, to, interval);
        Instant first = intervals.startOf(from);
        Instant now = clock.instant();
        Instant until = to.isBefore(now) ? to : now;
        AgentOccupancyProjection projection = new AgentOccupancyProjection(intervals);
        // From further back: the state each agent was in when the first interval began counts in it.
        history.read(caller.tenant(), RoutingEventMapping.TYPE_PREFIX, first.minus(RECOVERY_WINDOW), until)
                .forEach(e -> RoutingEventMapping.toRoutingEvent(e).ifPresent(projection::apply));
        return projection.reports(first, until).stream()
                .filter(r -> caller.isSupervisorOrAdmin() || caller.isAgent(Long.parseLong(r.agent().value())))
                .toList();
    }

    @Override
    public QueueLoad recentLoad(Caller caller, QueueId queue, Duration window) {
        caller.requireSupervisorOrAdmin();
        if (window.isNegative() || window.isZero() || window.compareTo(LONGEST_LOAD_WINDOW) > 0) {
            throw new RuleViolationException("periodMinutes", "the window to take the load from is 1 minute to "
                    + LONGEST_LOAD_WINDOW.toHours() + " hours");
        }
        Queue configured = queues.find(caller.tenant(), queue)
                .orElseThrow(() -> new UnknownEntityException("queue", queue.value()));
        TenantRouter tenant = router(caller.tenant());
        Intervals quarters = new Intervals(Duration.ofMinutes(15), tenant.zone);
        Instant now = clock.instant();
        Instant from = quarters.startOf(now.minus(window));
        var routingQueue = RouterDirectory.routingId(queue);
        int offered = 0;
        int handled = 0;
        Duration handleTime = Duration.ZERO;
        for (QueueIntervalReport r : project(caller.tenant(), tenant, quarters, from, now.plusMillis(1)).reports()) {
            if (r.queue().equals(routingQueue) && !r.intervalStart().isBefore(from)) {
                offered += r.offered();
                handled += r.handled();
                handleTime = handleTime.plus(r.totalHandleTime());
            }
        }
        return new QueueLoad(queue, from, now, offered, handled,
                handled == 0 ? Optional.empty() : Optional.of(handleTime.dividedBy(handled)),
                configured.serviceLevel());
    }

    /** The intervals of a report the caller asked for, or the rule the request breaks. */
    private static Intervals reportIntervals(TenantRouter tenant, Instant from, Instant to, Duration interval) {
        if (!from.isBefore(to)) {
            throw new RuleViolationException("to", "the report must end after it starts");
        }
        if (Duration.between(from, to).compareTo(LONGEST_REPORT) > 0) {
            throw new RuleViolationException("to", "a report covers at most 31 days");
        }
        try {
            return new Intervals(interval, tenant.zone);
        } catch (IllegalArgumentException e) {
            throw new RuleViolationException("interval", e.getMessage());
        }
    }

    private QueueKpiProjection project(TenantId tenantId, TenantRouter tenant, Intervals intervals, Instant from,
            Instant to) {
        Map<org.parley.acd.routing.queue.QueueId, Duration> thresholds = new HashMap<>();
        tenant.directory.queues().forEach(q -> thresholds.put(q.policy().id(), q.policy().serviceLevelThreshold()));
        // A queue deleted since its events were logged is judged by the default threshold of a new queue.
        Duration fallback = QueuePolicy.builder(org.parley.acd.routing.queue.QueueId.of("-")).build()
                .serviceLevelThreshold();
        QueueKpiProjection projection = new QueueKpiProjection(intervals, SHORT_ABANDON,
                q -> thresholds.getOrDefault(q, fallback));
        history.read(tenantId, RoutingEventMapping.TYPE_PREFIX, from, to).forEach(e ->
                RoutingEventMapping.toRoutingEvent(e).ifPresent(projection::apply));
        return projection;
    }

    // ---- configuration -------------------------------------------------------------------------------------

    @Override
    public void phoneReachability(TenantId tenantId, String extension, boolean reachable) {
        TenantRouter tenant = routers.get(tenantId);
        if (tenant == null) {
            return;
        }
        tenant.directory.agentWithExtension(extension)
                .ifPresent(agent -> reach(tenant, agent, Contact.PHONE, reachable));
    }

    @Override
    public void desktopPresence(TenantId tenantId, AgentId agent, boolean connected) {
        TenantRouter tenant = routers.get(tenantId);
        if (tenant != null) {
            reach(tenant, RouterDirectory.routingId(agent), Contact.DESKTOP, connected);
        }
    }

    private static void reach(TenantRouter tenant, org.parley.acd.routing.agent.AgentId agent, Contact via,
            boolean reachable) {
        await(tenant.engine.execute(r -> {
            if (r.agent(agent).isPresent()) {
                if (reachable) {
                    r.agentReachable(agent, via);
                } else {
                    r.agentUnreachable(agent, via);
                }
            }
        }));
    }

    @Override
    public void configurationChanged(TenantId tenantId) {
        TenantRouter tenant = routers.get(tenantId);
        if (tenant == null) {
            return; // not started: it reads the configuration when it starts
        }
        synchronized (tenant) {
            RouterDirectory directory = RouterDirectory.of(tenant.zone, agents.list(tenantId), queues.list(tenantId),
                    pauseReasons.codes(tenantId));
            await(tenant.engine.execute(directory::applyTo));
            tenant.directory = directory;
        }
    }

    /** The tenant's router, brought up to date first if it does not know the agent (created a moment ago). */
    private TenantRouter knowing(TenantId tenantId, AgentId agent) {
        TenantRouter tenant = router(tenantId);
        var id = RouterDirectory.routingId(agent);
        if (!call(tenant, r -> r.agent(id).isPresent())) {
            configurationChanged(tenantId);
        }
        return tenant;
    }

    private TenantRouter router(TenantId tenantId) {
        TenantRouter existing = routers.get(tenantId);
        if (existing != null) {
            return existing;
        }
        synchronized (routers) {
            existing = routers.get(tenantId);
            if (existing != null) {
                return existing;
            }
            Tenant tenant = tenants.find(tenantId).orElseThrow(() -> new UnknownEntityException("tenant",
                    tenantId.value()));
            ZoneId zone = tenant.timeZone();
            RoutingEngine engine = new RoutingEngine(clock.withZone(zone), scheduler,
                    event -> journal.append(RoutingEventMapping.toDomainEvent(tenantId, event)), executor, retention,
                    journal::hasRoom);
            RouterDirectory directory = RouterDirectory.of(zone, agents.list(tenantId), queues.list(tenantId),
                    pauseReasons.codes(tenantId));
            await(engine.execute(directory::applyTo));
            Instant now = clock.instant();
            RecoveredState previous = RecoveredState.fold(history.read(tenantId, RoutingEventMapping.TYPE_PREFIX,
                    now.minus(RECOVERY_WINDOW), now.plusMillis(1)).stream()
                    .flatMap(e -> RoutingEventMapping.toRoutingEvent(e).stream()).toList());
            await(engine.execute(r -> r.recover(previous)));
            TenantRouter started = new TenantRouter(engine, zone);
            started.directory = directory;
            engine.reconcileEvery(RECONCILE_EVERY, new Reconciler());
            engine.forgetEndedEvery(FORGET_EVERY, FORGET_PER_STEP);
            routers.put(tenantId, started);
            LOG.log(System.Logger.Level.INFO, "ACD started for tenant " + tenantId.value() + " with "
                    + directory.agents().size() + " agent(s) and " + directory.queues().size() + " queue(s); "
                    + previous.interactions().size() + " interaction(s) open from before were picked up");
            return started;
        }
    }

    /**
     * The tenant's engine, started if it was not. For in-server tooling only (the whole-system tests inject
     * invariant violations through it); it is no business interface, so nothing outside the EAR reaches it.
     */
    public RoutingEngine engine(TenantId tenantId) {
        return router(tenantId).engine;
    }

    // ---- the engine's answers ------------------------------------------------------------------------------

    private <R> R call(TenantId tenant, Function<Router, R> command) {
        return call(router(tenant), command);
    }

    private static <R> R call(TenantRouter tenant, Function<Router, R> command) {
        return await(tenant.engine.submit(command));
    }

    private static <R> R await(CompletableFuture<R> answer) {
        try {
            return answer.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the routing engine", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the routing engine did not answer within " + ANSWER_TIMEOUT_SECONDS
                    + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalAgentTransitionException || cause instanceof OfferNotRingingException
                    || cause instanceof IllegalInteractionTransitionException) {
                throw new StateConflictException(cause.getMessage(), cause);
            }
            if (cause instanceof RoutingPausedException) {
                throw new TemporarilyUnavailableException(cause.getMessage(), PAUSED_RETRY_AFTER, cause);
            }
            if (cause instanceof UnknownPauseReasonException) {
                throw new RuleViolationException("reason", cause.getMessage());
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the routing engine failed", cause);
        }
    }

    private static AgentSession session(Router r, AgentId agent) {
        return r.agent(RouterDirectory.routingId(agent)).orElseThrow(
                () -> new UnknownEntityException("agent", agent.value()));
    }

    private Interaction interaction(Router r, String id) {
        return r.interaction(new InteractionId(id)).orElseThrow(() -> new UnknownEntityException("interaction", id,
                forgotten()));
    }

    /** The agent an interaction is connected to: the agent whose offer for it was accepted. */
    private static Optional<AgentId> handler(Router r, Interaction i) {
        return r.offersOf(i.id()).stream().filter(o -> o.outcome() == OfferOutcome.ACCEPTED)
                .reduce((first, later) -> later).map(o -> agentId(o.agent()));
    }

    private Offer offer(Router r, String id) {
        return r.offer(new OfferId(id)).orElseThrow(() -> new UnknownEntityException("offer", id, forgotten()));
    }

    /**
     * Why a well-formed id may not be found: the router answers for live interactions and for ended ones during the
     * retention only; after that the interaction is history, in the reports and the event log.
     */
    private String forgotten() {
        return "the ACD keeps interactions and their offers for " + retention.toMinutes() + " min after they end;"
                + " older ones are counted in the queue reports (/api/v1/reports/queues) and recorded in the event log";
    }

    private static AgentId agentId(org.parley.acd.routing.agent.AgentId id) {
        return new AgentId(Long.parseLong(id.value()));
    }

    private static QueueId queueId(org.parley.acd.routing.queue.QueueId id) {
        return new QueueId(Long.parseLong(id.value()));
    }

    private static AgentStatus status(Router r, AgentSession s) {
        return new AgentStatus(agentId(s.id()), s.state(), s.stateSince(), s.pauseReason().map(PauseReason::code),
                s.isReachable(), r.ringingOfferAt(s.id()).map(o -> o.id().value()),
                s.connected().stream().map(InteractionId::value).toList());
    }

    private static InteractionView view(Router r, Interaction i) {
        Optional<QueuePosition> position = r.position(i.id());
        return new InteractionView(i.id().value(), r.queueOf(i.id()).map(RoutingServiceBean::queueId), i.channel(),
                i.status(), i.customer().value(), i.priority(), i.enqueuedAt(), position.map(QueuePosition::position),
                position.map(QueuePosition::waiting), position.flatMap(QueuePosition::estimatedWait),
                i.callbackFor().map(InteractionId::value),
                r.offersOf(i.id()).stream().map(RoutingServiceBean::view).toList());
    }

    private static OfferView view(Offer o) {
        return new OfferView(o.id().value(), o.interaction().value(), queueId(o.queue()), agentId(o.agent()),
                o.channel(), o.offeredAt(), o.expiresAt(), o.outcome(), o.endedAt(), o.endReason(), o.decision());
    }
}
