package org.parley.slee.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import javax.slee.TransactionRequiredLocalException;
import javax.slee.TransactionRolledbackLocalException;

/**
 * The runtime's own transaction, one per handler invocation (JSLEE delivers each event to each SBB entity in a
 * transaction). Changes are applied at once and recorded in an undo log, so the handler reads its own writes and a
 * rollback replays the log backwards; effects that leave the runtime (events fired, timers started, activities ended)
 * wait in the after-commit list. Entity trees are locked for the rest of the transaction once touched (two-phase
 * locking), so two activities never run handlers of one tree at the same time.
 */
final class SleeTransaction {

    private static final ThreadLocal<SleeTransaction> CURRENT = new ThreadLocal<>();

    private final Deque<Runnable> undo = new ArrayDeque<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Runnable> afterRollback = new ArrayList<>();
    private final Set<SbbEntity> touchedRoots = new LinkedHashSet<>();
    private final Set<ActivityContext> touchedActivities = new LinkedHashSet<>();
    private final List<ReentrantLock> locks = new ArrayList<>();
    private final Duration lockTimeout;
    private boolean rollbackOnly;

    private SleeTransaction(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    static SleeTransaction begin(Duration lockTimeout) {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("a SLEE transaction is already active on this thread");
        }
        SleeTransaction tx = new SleeTransaction(lockTimeout);
        CURRENT.set(tx);
        return tx;
    }

    /** The transaction of the running handler; SBB-facing operations outside one are a programming error. */
    static SleeTransaction current() {
        SleeTransaction tx = CURRENT.get();
        if (tx == null) {
            throw new TransactionRequiredLocalException("no SLEE transaction on this thread");
        }
        return tx;
    }

    static boolean active() {
        return CURRENT.get() != null;
    }

    /**
     * Locks the entity's tree until the transaction ends. A timeout means two transactions wait for each other's
     * trees; rolling this one back breaks the cycle, as a JTA deadlock detector would.
     */
    void lock(SbbEntity entity) {
        ReentrantLock lock = entity.treeLock();
        if (lock.isHeldByCurrentThread()) {
            return;
        }
        try {
            if (!lock.tryLock(lockTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TransactionRolledbackLocalException("timed out waiting for the lock of " + entity);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransactionRolledbackLocalException("interrupted waiting for the lock of " + entity);
        }
        locks.add(lock);
    }

    void onRollback(Runnable action) {
        undo.push(action);
    }

    void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    void afterRollback(Runnable action) {
        afterRollback.add(action);
    }

    void touch(SbbEntity entity) {
        touchedRoots.add(entity.root());
    }

    void touch(ActivityContext activityContext) {
        touchedActivities.add(activityContext);
    }

    void setRollbackOnly() {
        rollbackOnly = true;
    }

    boolean rollbackOnly() {
        return rollbackOnly;
    }

    Set<SbbEntity> touchedRoots() {
        return touchedRoots;
    }

    Set<ActivityContext> touchedActivities() {
        return touchedActivities;
    }

    /** Ends the transaction keeping its changes; returns the effects the caller must now carry out. */
    List<Runnable> commit() {
        end();
        return afterCommit;
    }

    void rollback() {
        try {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
        } finally {
            end();
        }
        afterRollback.forEach(Runnable::run);
    }

    private void end() {
        CURRENT.remove();
        for (int i = locks.size() - 1; i >= 0; i--) {
            locks.get(i).unlock();
        }
        locks.clear();
    }
}
