package org.parley.acd.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import org.parley.acd.routing.event.RoutingEventSink;
import org.parley.time.Scheduler;
import org.parley.time.SerialExecutor;

/**
 * One tenant's router behind a single writer. Callers on any thread submit commands; the commands, and the timers the
 * router sets, run one at a time in submission order on the given executor (a managed executor in the server), so
 * offers timing out while customers hang up while agents pause can never double-book an agent. No thread is
 * created here and none is held between commands.
 *
 * <p>The router's objects (sessions, interactions, offers) belong to the writer. A command that answers a caller
 * maps what it needs to values inside the command, e.g. {@code submit(r -> r.agent(id).map(AgentSession::state))},
 * rather than handing a live object to another thread.
 *
 * <p>While its events cannot be recorded ({@code canRecord} is false: the event log is too far behind), the engine
 * pauses: commands fail with {@link RoutingPausedException} without touching the router, the router's timers wait
 * (checked again every {@link #PAUSED_RETRY}) and reconciler passes are skipped, so nothing happens that the log
 * would miss.
 */
public final class RoutingEngine {

    static final Duration PAUSED_RETRY = Duration.ofSeconds(1);

    private final Router router;
    private final SerialExecutor writer;
    private final Clock clock;
    private final Scheduler scheduler;
    private final AtomicBoolean reconciling = new AtomicBoolean();
    private final AtomicBoolean forgetting = new AtomicBoolean();
    private final BooleanSupplier canRecord;

    public RoutingEngine(Clock clock, Scheduler scheduler, RoutingEventSink sink, Executor executor) {
        this(clock, scheduler, sink, executor, Router.DEFAULT_RETENTION);
    }

    /** @param retention how long the router keeps ended interactions and their offers */
    public RoutingEngine(Clock clock, Scheduler scheduler, RoutingEventSink sink, Executor executor,
                         Duration retention) {
        this(clock, scheduler, sink, executor, retention, () -> true);
    }

    /** @param canRecord whether the sink can take the events of new work now; see the class comment */
    public RoutingEngine(Clock clock, Scheduler scheduler, RoutingEventSink sink, Executor executor,
                         Duration retention, BooleanSupplier canRecord) {
        this.writer = new SerialExecutor(Objects.requireNonNull(executor, "executor"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.canRecord = Objects.requireNonNull(canRecord, "canRecord");
        Scheduler serialised = (at, task) -> {
            AtomicBoolean cancelled = new AtomicBoolean();
            Scheduler.Timer timer = scheduler.schedule(at, () -> enqueue(() -> runRouterTimer(task, cancelled)));
            return () -> {
                cancelled.set(true);
                timer.cancel();
            };
        };
        this.router = new Router(clock, serialised, sink, retention);
    }

    /** Runs the command on the writer; the future completes with its result or its exception. */
    public <R> CompletableFuture<R> submit(Function<Router, R> command) {
        CompletableFuture<R> result = new CompletableFuture<>();
        enqueue(() -> {
            if (!canRecord.getAsBoolean()) {
                result.completeExceptionally(new RoutingPausedException());
                return;
            }
            try {
                result.complete(command.apply(router));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            } catch (Error e) {
                // the caller must not wait forever; the error still goes up if the JVM itself is in trouble
                result.completeExceptionally(e);
                if (e instanceof VirtualMachineError) {
                    throw e;
                }
            }
        });
        return result;
    }

    public CompletableFuture<Void> execute(Consumer<Router> command) {
        return submit(r -> {
            command.accept(r);
            return null;
        });
    }

    /**
     * Runs the reconciler on the writer every {@code period} until {@link #stopReconciling()}; each repair is
     * reported as an event by the router.
     */
    public void reconcileEvery(Duration period, Reconciler reconciler) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("the reconciliation period must be positive");
        }
        if (reconciling.compareAndSet(false, true)) {
            scheduleReconciliation(period, reconciler);
        }
    }

    public void stopReconciling() {
        reconciling.set(false);
        forgetting.set(false);
    }

    /**
     * Every {@code period}, forgets the ended interactions past their retention, {@code perStep} at most in one
     * command; while more are due, the next step is queued behind whatever commands arrived meanwhile, so a large
     * backlog never holds the writer for long. Stops with {@link #stopReconciling()}.
     */
    public void forgetEndedEvery(Duration period, int perStep) {
        if (period.isZero() || period.isNegative() || perStep < 1) {
            throw new IllegalArgumentException("forgetting needs a positive period and step");
        }
        if (forgetting.compareAndSet(false, true)) {
            scheduleForgetting(period, perStep);
        }
    }

    private void scheduleForgetting(Duration period, int perStep) {
        scheduler.schedule(clock.instant().plus(period), () -> enqueue(() -> forgetStep(period, perStep)));
    }

    private void forgetStep(Duration period, int perStep) {
        if (!forgetting.get()) {
            return;
        }
        boolean more;
        try {
            router.forgetEnded(perStep);
            more = router.hasEndedToForget();
        } catch (RuntimeException e) {
            // the failed interaction has been taken off the list; the rest wait for the next period, not a hot loop
            Router.logUnexpected("forgetting ended interactions failed", e);
            more = false;
        }
        if (more) {
            enqueue(() -> forgetStep(period, perStep));
        } else {
            scheduleForgetting(period, perStep);
        }
    }

    private void scheduleReconciliation(Duration period, Reconciler reconciler) {
        scheduler.schedule(clock.instant().plus(period), () -> enqueue(() -> {
            if (!reconciling.get()) {
                return;
            }
            if (canRecord.getAsBoolean()) {
                runTimer(() -> reconciler.reconcile(router));
            }
            scheduleReconciliation(period, reconciler);
        }));
    }

    /** A timer the router set: run now, or, while paused, looked at again a little later (a wait, not a loss). */
    private void runRouterTimer(Runnable task, AtomicBoolean cancelled) {
        if (cancelled.get()) {
            return;
        }
        if (!canRecord.getAsBoolean()) {
            scheduler.schedule(clock.instant().plus(PAUSED_RETRY),
                    () -> enqueue(() -> runRouterTimer(task, cancelled)));
            return;
        }
        runTimer(task);
    }

    private static void runTimer(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // A timer has no caller to tell; the router stays usable and the reconciler repairs any fallout.
            Router.logUnexpected("routing timer failed", e);
        }
    }

    private void enqueue(Runnable command) {
        writer.execute(command);
    }
}
