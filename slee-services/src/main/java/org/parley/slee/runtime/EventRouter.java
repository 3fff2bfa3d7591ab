package org.parley.slee.runtime;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import javax.slee.ActivityEndEvent;

import org.parley.slee.runtime.ActivityContext.PendingEvent;
import org.parley.slee.runtime.SbbComponent.Handler;

/**
 * Delivers events (JSLEE 1.0): first initial-event processing for each service (find or create the root entity for
 * the convergence name and attach it), then delivery to every attached entity by priority, each handler in its own
 * transaction. A handler that throws gets {@code sbbExceptionThrown}, its transaction is rolled back, and then it
 * gets {@code sbbRolledBack} in a new one; the event counts as failed for the adaptor that fired it.
 */
final class EventRouter {

    private static final System.Logger LOG = System.getLogger(EventRouter.class.getName());

    /** Events drained per task before the activity yields its thread, so a busy activity cannot starve others. */
    private static final int EVENTS_PER_TASK = 32;

    private final Slee slee;
    private final Duration lockTimeout;

    EventRouter(Slee slee, Duration lockTimeout) {
        this.slee = slee;
        this.lockTimeout = lockTimeout;
    }

    void drain(ActivityContext activityContext) {
        while (true) {
            for (int i = 0; i < EVENTS_PER_TASK; i++) {
                PendingEvent pending = activityContext.poll();
                if (pending == null) {
                    return;
                }
                try {
                    deliver(activityContext, pending);
                } catch (RuntimeException e) {
                    // Only a runtime bug gets here; the activity must keep draining regardless.
                    LOG.log(System.Logger.Level.ERROR, "delivery of " + pending.event() + " failed", e);
                }
            }
            if (activityContext.resubmit()) {
                return;
            }
        }
    }

    private void deliver(ActivityContext activityContext, PendingEvent pending) {
        Object event = pending.event();
        boolean failed = false;
        Set<SbbEntity> delivered = new HashSet<>();
        if (!(event instanceof ActivityEndEvent)) {
            for (ServiceRuntime service : slee.services()) {
                failed |= !initialDelivery(service, activityContext, pending, delivered);
            }
        }
        SbbEntity next;
        while ((next = activityContext.nextRecipient(delivered)) != null) {
            delivered.add(next);
            failed |= !deliverTo(next, activityContext, pending);
        }
        if (event instanceof ActivityEndEvent) {
            slee.activityEnded(activityContext);
        } else {
            slee.endIfIdle(activityContext);
        }
        if (activityContext.owner() != null) {
            try {
                if (failed) {
                    activityContext.owner().eventProcessingFailed(activityContext.handle(), event);
                } else {
                    activityContext.owner().eventProcessingSucceeded(activityContext.handle(), event);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "resource adaptor callback failed for " + event, e);
            }
        }
    }

    /** Returns false if the service's processing of an initial event rolled back. */
    private boolean initialDelivery(ServiceRuntime service, ActivityContext activityContext, PendingEvent pending,
                                    Set<SbbEntity> delivered) {
        Optional<Service.InitialEvent> initial = service.definition().initialEventFor(pending.event());
        if (initial.isEmpty()) {
            return true;
        }
        ConvergenceName name;
        try {
            InitialSelection selection = new InitialSelection(pending.event(), activityContext, pending.address(),
                    initial.get().variables());
            InitialSelection selected = (InitialSelection) initial.get().selector().apply(selection);
            if (!selected.isInitialEvent()) {
                return true;
            }
            name = selected.convergenceName();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "initial event selector of " + service.definition() + " failed", e);
            return false;
        }
        SleeTransaction tx = SleeTransaction.begin(lockTimeout);
        SbbEntity root = null;
        boolean created = false;
        try {
            ServiceRuntime.Obtained obtained = service.obtainRoot(name, slee, tx);
            root = obtained.entity();
            created = obtained.created();
            if (created) {
                root.initialise(tx);
            }
            activityContext.attach(root, tx);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "could not create or attach the root of " + service.definition(), e);
            rollback(tx);
            return false;
        }
        delivered.add(root);
        return runHandler(tx, root, activityContext, pending, created);
    }

    private boolean deliverTo(SbbEntity entity, ActivityContext activityContext, PendingEvent pending) {
        SleeTransaction tx = SleeTransaction.begin(lockTimeout);
        try {
            tx.lock(entity);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "could not lock " + entity + " for " + pending.event(), e);
            rollback(tx);
            return false;
        }
        if (entity.removed() || !activityContext.isAttached(entity)) {
            commit(tx);
            return true;
        }
        return runHandler(tx, entity, activityContext, pending, false);
    }

    /** Runs the entity's handler for the event (if any, and not masked) and ends the transaction. */
    private boolean runHandler(SleeTransaction tx, SbbEntity entity, ActivityContext activityContext,
                               PendingEvent pending, boolean createdInTransaction) {
        Object event = pending.event();
        try {
            Optional<Handler> handler = entity.component().handlerFor(event.getClass());
            if (handler.isPresent() && !entity.isMasked(activityContext, handler.get().eventName())) {
                entity.sbb().sbbLoad();
                handler.get().method().invoke(entity.sbb(), event, activityContext);
                entity.sbb().sbbStore();
            }
        } catch (InvocationTargetException e) {
            return failed(tx, entity, activityContext, event, e.getCause(), createdInTransaction);
        } catch (RuntimeException | IllegalAccessException e) {
            return failed(tx, entity, activityContext, event, e, createdInTransaction);
        }
        if (tx.rollbackOnly()) {
            rollback(tx);
            rolledBack(entity, activityContext, event);
            return false;
        }
        commit(tx);
        return true;
    }

    private boolean failed(SleeTransaction tx, SbbEntity entity, ActivityContext activityContext, Object event,
                           Throwable cause, boolean createdInTransaction) {
        LOG.log(System.Logger.Level.WARNING, entity + " failed on " + event + "; rolling back", cause);
        if (cause instanceof Exception exception) {
            try {
                entity.sbb().sbbExceptionThrown(exception, event, activityContext);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "sbbExceptionThrown of " + entity + " threw", e);
            }
        }
        rollback(tx);
        if (!createdInTransaction && cause instanceof Exception) {
            rolledBack(entity, activityContext, event);
        }
        return false;
    }

    /** Tells the entity, in a new transaction, that the delivery rolled back (JSLEE 1.0). */
    private void rolledBack(SbbEntity entity, ActivityContext activityContext, Object event) {
        SleeTransaction tx = SleeTransaction.begin(lockTimeout);
        try {
            tx.lock(entity);
            if (!entity.removed()) {
                entity.sbb().sbbRolledBack(new SleeRolledBackContext(event, activityContext));
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sbbRolledBack of " + entity + " threw; its changes are undone", e);
            rollback(tx);
            return;
        }
        commit(tx);
    }

    /** Runs the callback in a transaction of its own and commits it; used for the runtime's own housekeeping. */
    void inTransaction(SbbEntity entity, Consumer<SleeTransaction> work) {
        SleeTransaction tx = SleeTransaction.begin(lockTimeout);
        try {
            tx.lock(entity);
            work.accept(tx);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "housekeeping on " + entity + " failed; rolled back", e);
            rollback(tx);
            return;
        }
        commit(tx);
    }

    private void rollback(SleeTransaction tx) {
        tx.rollback();
    }

    /**
     * Commits, carries out the deferred effects, then removes root entities left with no attachment in their tree
     * and ends null activities left idle.
     */
    void commit(SleeTransaction tx) {
        List<Runnable> effects = tx.commit();
        for (Runnable effect : effects) {
            try {
                effect.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a committed effect failed", e);
            }
        }
        for (SbbEntity root : tx.touchedRoots()) {
            if (!root.removed()) {
                inTransaction(root, reaping -> {
                    if (!root.removed() && root.attachmentCount() == 0) {
                        root.remove(reaping);
                    }
                });
            }
        }
        for (ActivityContext activityContext : tx.touchedActivities()) {
            slee.endIfIdle(activityContext);
        }
    }
}
