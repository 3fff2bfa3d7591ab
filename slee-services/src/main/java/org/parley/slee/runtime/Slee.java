package org.parley.slee.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import javax.slee.ActivityContextInterface;
import javax.slee.Address;
import javax.slee.Sbb;
import javax.slee.facilities.TimerEvent;

import org.parley.slee.ra.ActivityHandle;
import org.parley.slee.ra.ResourceAdaptor;
import org.parley.slee.ra.ResourceAdaptorContext;
import org.parley.slee.ra.SleeEndpoint;
import org.parley.slee.ra.SleeOverloadedException;
import org.parley.slee.ra.UnknownActivityException;
import org.parley.time.Scheduler;

/**
 * The SLEE: installed services, resource adaptors, live activity contexts and the facilities. Plain Java: the
 * executor (bounded; WildFly's managed executor when deployed), clock and scheduler come from outside, so tests drive
 * it on a manual executor and scheduler.
 */
public final class Slee {

    private static final System.Logger LOG = System.getLogger(Slee.class.getName());

    private final Executor executor;
    private final int maxQueuedEventsPerActivity;
    private final EventRouter router;
    private final Timers timers;
    private final ActivityNames names = new ActivityNames();
    private final NullActivities nullActivities = new NullActivities(this);
    private final Clock clock;
    private final Scheduler scheduler;
    private final Map<Class<? extends Sbb>, SbbComponent> components = new HashMap<>();
    private final List<ServiceRuntime> services = new CopyOnWriteArrayList<>();
    private final Map<String, ResourceAdaptor> adaptors = new ConcurrentHashMap<>();
    private final Map<String, Object> environment = new ConcurrentHashMap<>();
    private final Map<ActivityHandle, ActivityContext> activities = new ConcurrentHashMap<>();
    private final Map<Object, ActivityContext> activitiesByObject = new ConcurrentHashMap<>();

    private Slee(Builder builder) {
        this.executor = builder.executor;
        this.maxQueuedEventsPerActivity = builder.maxQueuedEventsPerActivity;
        this.clock = builder.clock;
        this.scheduler = builder.scheduler;
        this.router = new EventRouter(this, builder.lockTimeout);
        this.timers = new Timers(this, clock, scheduler);
    }

    /**
     * @param executor runs event delivery. It must be bounded and refuse work when full (the adaptor then gets
     *                 {@link SleeOverloadedException}, and SIP answers 503), and must not run a task on the
     *                 submitting thread: submission can happen inside a handler's transaction
     */
    public static Builder builder(Executor executor, Clock clock, Scheduler scheduler) {
        return new Builder(executor, clock, scheduler);
    }

    /**
     * Installs and activates a service: its SBB classes are checked and their concrete subclasses generated now, so
     * a malformed SBB fails here rather than on its first event.
     *
     * @throws SbbDefinitionException if an SBB class breaks the component model
     */
    public void install(Service service) {
        Objects.requireNonNull(service, "service");
        if (services.stream().anyMatch(installed -> installed.definition().name().equals(service.name()))) {
            throw new IllegalStateException("service " + service.name() + " is already installed");
        }
        SbbComponent root = component(service.rootSbb());
        for (Class<?> initialType : service.initialEventTypes()) {
            if (!root.handlesAll(initialType)) {
                throw new SbbDefinitionException(service + ": root SBB " + service.rootSbb().getName()
                        + " has no on<Event> handler taking every " + initialType.getName());
            }
        }
        services.add(new ServiceRuntime(service, root));
    }

    /** Adds an adaptor under its entity name and starts it with an endpoint into this SLEE. */
    public void addResourceAdaptor(String entityName, ResourceAdaptor adaptor) {
        Objects.requireNonNull(entityName, "entityName");
        Objects.requireNonNull(adaptor, "adaptor");
        if (adaptors.putIfAbsent(entityName, adaptor) != null) {
            throw new IllegalStateException("a resource adaptor named " + entityName + " is already added");
        }
        adaptor.start(new AdaptorContext(entityName, adaptor));
    }

    /**
     * Cancels all timers, then stops every adaptor (one that fails to stop does not keep the others running) and
     * forgets them. Events already queued are still delivered by the executor.
     */
    public void stop() {
        timers.cancelEverything();
        for (ResourceAdaptor adaptor : adaptors.values()) {
            try {
                adaptor.stop();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "resource adaptor failed to stop", e);
            }
        }
        adaptors.clear();
    }

    /**
     * Binds an object SBBs find by name through {@link SleeSbbContext#environment} — what a JSLEE container puts
     * in an SBB's {@code java:comp/env} (e.g. the registrar's location service), without a static singleton.
     */
    public void bindEnvironment(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (environment.putIfAbsent(name, value) != null) {
            throw new IllegalStateException("an environment entry named " + name + " is already bound");
        }
    }

    /** Activities started and not yet ended, null activities included. */
    public int liveActivityCount() {
        return activities.size();
    }

    /** Root SBB entities of an installed service. */
    public int rootEntityCount(String serviceName) {
        return services.stream().filter(service -> service.definition().name().equals(serviceName))
                .mapToInt(ServiceRuntime::rootCount).sum();
    }

    synchronized SbbComponent component(Class<? extends Sbb> sbbClass) {
        SbbComponent known = components.get(sbbClass);
        if (known != null) {
            return known;
        }
        SbbComponent created = SbbComponent.of(sbbClass);
        components.put(sbbClass, created);
        for (SbbComponent.ChildRelationSpec child : created.childRelations().values()) {
            component(child.childSbb());
        }
        return created;
    }

    List<ServiceRuntime> services() {
        return Collections.unmodifiableList(services);
    }

    Clock clock() {
        return clock;
    }

    Timers timers() {
        return timers;
    }

    ActivityNames names() {
        return names;
    }

    NullActivities nullActivities() {
        return nullActivities;
    }

    ActivityContext startActivity(ActivityHandle handle, Object activity, ResourceAdaptor owner) {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(activity, "activity");
        ActivityContext activityContext = new ActivityContext(handle, activity, owner, executor, router,
                maxQueuedEventsPerActivity);
        if (activities.putIfAbsent(handle, activityContext) != null) {
            throw new IllegalStateException("activity handle " + handle + " is already in use");
        }
        activitiesByObject.put(activity, activityContext);
        return activityContext;
    }

    /** Forgets an activity that never became visible (its creating transaction rolled back). */
    void discard(ActivityContext activityContext) {
        activityContext.markEnded();
        activities.remove(activityContext.handle(), activityContext);
        activitiesByObject.remove(activityContext.getActivity(), activityContext);
    }

    ActivityContext activityContextOf(Object activity) {
        ActivityContext activityContext = activitiesByObject.get(activity);
        if (activityContext == null || activityContext.hasEnded()) {
            throw new UnknownActivityException(new ObjectHandle(activity));
        }
        return activityContext;
    }

    <T> T sbbInterface(String entityName, Class<T> type) {
        ResourceAdaptor adaptor = adaptors.get(entityName);
        if (adaptor == null) {
            throw new IllegalArgumentException("no resource adaptor named " + entityName);
        }
        Object sbbInterface = adaptor.sbbInterface();
        if (!type.isInstance(sbbInterface)) {
            throw new IllegalArgumentException("resource adaptor " + entityName + " offers no " + type.getName());
        }
        return type.cast(sbbInterface);
    }

    <T> T environment(String name, Class<T> type) {
        Object value = environment.get(name);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("no environment entry " + name + " of type " + type.getName());
        }
        return type.cast(value);
    }

    private ActivityContext live(ActivityHandle handle) {
        ActivityContext activityContext = activities.get(Objects.requireNonNull(handle, "handle"));
        if (activityContext == null) {
            throw new UnknownActivityException(handle);
        }
        return activityContext;
    }

    void endActivityIfLive(ActivityHandle handle) {
        ActivityContext activityContext = activities.get(handle);
        if (activityContext != null && !activityContext.isEnding()) {
            endQuietly(activityContext);
        }
    }

    /** Ends a null activity that nothing holds any more (JSLEE 1.0). */
    void endIfIdle(ActivityContext activityContext) {
        if (activityContext.isIdleNullActivity()) {
            endQuietly(activityContext);
        }
    }

    private void endQuietly(ActivityContext activityContext) {
        try {
            activityContext.end();
        } catch (UnknownActivityException e) {
            LOG.log(System.Logger.Level.DEBUG, "activity {0} ended meanwhile", activityContext.handle());
        } catch (SleeOverloadedException e) {
            LOG.log(System.Logger.Level.WARNING, "could not end " + activityContext.handle() + ": executor saturated", e);
        }
    }

    /**
     * After the activity-end event: detach every entity (each in its own transaction, which removes the roots left
     * with nothing attached), cancel its timers, unbind its names and tell the owning adaptor.
     */
    void activityEnded(ActivityContext activityContext) {
        activityContext.markEnded();
        for (SbbEntity entity : activityContext.attachedEntities()) {
            router.inTransaction(entity, tx -> activityContext.detach(entity, tx));
        }
        timers.cancelAll(activityContext);
        names.unbindAll(activityContext);
        activities.remove(activityContext.handle(), activityContext);
        activitiesByObject.remove(activityContext.getActivity(), activityContext);
        if (activityContext.owner() != null) {
            try {
                activityContext.owner().activityEnded(activityContext.handle());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "activityEnded callback failed for " + activityContext, e);
            }
        }
    }

    /** An event an SBB fired through one of its fire methods; its transaction has committed. */
    void fireFromSbb(ActivityContext activityContext, Object event, Address address) {
        try {
            activityContext.enqueue(new ActivityContext.PendingEvent(event, address));
        } catch (UnknownActivityException e) {
            LOG.log(System.Logger.Level.DEBUG, "event {0} fired on ended activity {1}", event, activityContext);
        } catch (SleeOverloadedException e) {
            LOG.log(System.Logger.Level.WARNING, "event " + event + " lost: executor saturated", e);
        }
    }

    void fireFromTimer(ActivityContext activityContext, TimerEvent event, Address address) {
        fireFromSbb(activityContext, event, address);
    }

    /** The handle reported for an activity object that is not live. */
    private record ObjectHandle(Object activity) implements ActivityHandle {
    }

    /** One adaptor's view of the SLEE. */
    private final class AdaptorContext implements ResourceAdaptorContext, SleeEndpoint {

        private final String entityName;
        private final ResourceAdaptor adaptor;

        AdaptorContext(String entityName, ResourceAdaptor adaptor) {
            this.entityName = entityName;
            this.adaptor = adaptor;
        }

        @Override
        public String entityName() {
            return entityName;
        }

        @Override
        public SleeEndpoint endpoint() {
            return this;
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public Scheduler scheduler() {
            return scheduler;
        }

        @Override
        public void startActivity(ActivityHandle handle, Object activity) {
            Slee.this.startActivity(handle, activity, adaptor);
        }

        @Override
        public void fireEvent(ActivityHandle handle, Object event, Address address) {
            live(handle).enqueue(new ActivityContext.PendingEvent(Objects.requireNonNull(event, "event"), address));
        }

        @Override
        public void endActivity(ActivityHandle handle) {
            live(handle).end();
        }

        @Override
        public ActivityContextInterface activityContextInterface(ActivityHandle handle) {
            ActivityContext activityContext = live(handle);
            if (activityContext.owner() != adaptor || activityContext.hasEnded()) {
                throw new UnknownActivityException(handle);
            }
            return activityContext;
        }

        @Override
        public void whenRolledBack(Runnable action) {
            Objects.requireNonNull(action, "action");
            if (!SleeTransaction.active()) {
                return;
            }
            SleeTransaction.current().afterRollback(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, entityName + ": undo after rollback failed", e);
                }
            });
        }
    }

    public static final class Builder {

        private final Executor executor;
        private final Clock clock;
        private final Scheduler scheduler;
        private Duration lockTimeout = Duration.ofSeconds(5);
        private int maxQueuedEventsPerActivity = 1000;

        private Builder(Executor executor, Clock clock, Scheduler scheduler) {
            this.executor = Objects.requireNonNull(executor, "executor");
            this.clock = Objects.requireNonNull(clock, "clock");
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        }

        /**
         * How long a transaction waits for another's entity tree before it rolls back. Five seconds by default: long
         * next to any handler (handlers do no blocking I/O), short enough that a deadlock clears before SIP gives up.
         */
        public Builder lockTimeout(Duration lockTimeout) {
            this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
            return this;
        }

        /**
         * Events one activity may have waiting before the adaptor gets {@link SleeOverloadedException}. The
         * executor's bound caps how many activities wait; this caps one flooded activity (a dialog hammered with
         * requests). A thousand is far beyond what a well-behaved dialog queues.
         */
        public Builder maxQueuedEventsPerActivity(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max must be positive");
            }
            this.maxQueuedEventsPerActivity = max;
            return this;
        }

        public Slee build() {
            return new Slee(this);
        }
    }
}
