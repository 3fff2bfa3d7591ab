package org.parley.slee.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import javax.slee.ActivityContextInterface;
import javax.slee.Address;
import javax.slee.SbbLocalObject;

import org.parley.slee.ra.ActivityHandle;
import org.parley.slee.ra.ResourceAdaptor;
import org.parley.slee.ra.SleeOverloadedException;
import org.parley.slee.ra.UnknownActivityException;

/**
 * One activity's context: the SBB entities attached to it, its timers and names, and its event queue. Events on one
 * activity run one at a time in the order fired: at most one drain task per activity is on the executor.
 */
final class ActivityContext implements ActivityContextInterface {

    private static final AtomicLong ATTACH_ORDER = new AtomicLong();

    enum State { ACTIVE, ENDING, ENDED }

    record PendingEvent(Object event, Address address) {
    }

    private final ActivityHandle handle;
    private final Object activity;
    private final ResourceAdaptor owner;
    private final Executor executor;
    private final int maxQueued;
    private final Runnable drain;
    private final Deque<PendingEvent> queue = new ArrayDeque<>();
    private final Map<SbbEntity, Long> attached = new LinkedHashMap<>();
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final Set<Object> timers = ConcurrentHashMap.newKeySet();
    private State state = State.ACTIVE;
    private boolean draining;

    ActivityContext(ActivityHandle handle, Object activity, ResourceAdaptor owner, Executor executor,
                    EventRouter router, int maxQueued) {
        this.maxQueued = maxQueued;
        this.handle = handle;
        this.activity = activity;
        this.owner = owner;
        this.executor = executor;
        this.drain = () -> router.drain(this);
    }

    static ActivityContext of(ActivityContextInterface aci) {
        if (aci instanceof ActivityContext context) {
            return context;
        }
        throw new IllegalArgumentException("not an activity context of this SLEE: " + aci);
    }

    ActivityHandle handle() {
        return handle;
    }

    /** The adaptor that started the activity; null for null activities. */
    ResourceAdaptor owner() {
        return owner;
    }

    boolean isNullActivity() {
        return owner == null;
    }

    @Override
    public Object getActivity() {
        return activity;
    }

    @Override
    public synchronized boolean isEnding() {
        return state != State.ACTIVE;
    }

    synchronized boolean hasEnded() {
        return state == State.ENDED;
    }

    @Override
    public void attach(SbbLocalObject sbbLocalObject) {
        SleeTransaction tx = SleeTransaction.current();
        SbbEntity entity = EntityLocalObject.entityOf(sbbLocalObject);
        tx.lock(entity);
        entity.checkLive();
        attach(entity, tx);
    }

    @Override
    public void detach(SbbLocalObject sbbLocalObject) {
        SleeTransaction tx = SleeTransaction.current();
        SbbEntity entity = EntityLocalObject.entityOf(sbbLocalObject);
        tx.lock(entity);
        entity.checkLive();
        detach(entity, tx);
    }

    /** Attaches an entity whose tree the transaction holds. */
    void attach(SbbEntity entity, SleeTransaction tx) {
        synchronized (this) {
            if (state == State.ENDED) {
                throw new IllegalStateException("activity " + handle + " has ended");
            }
            if (attached.containsKey(entity)) {
                return;
            }
            attached.put(entity, ATTACH_ORDER.incrementAndGet());
        }
        entity.attachments().add(this);
        tx.onRollback(() -> {
            synchronized (this) {
                attached.remove(entity);
            }
            entity.attachments().remove(this);
        });
        tx.touch(entity);
        tx.touch(this);
    }

    /** Detaches an entity whose tree the transaction holds; detaching one that is not attached does nothing. */
    void detach(SbbEntity entity, SleeTransaction tx) {
        Long order;
        synchronized (this) {
            order = attached.remove(entity);
        }
        if (order == null) {
            return;
        }
        entity.attachments().remove(this);
        Set<String> mask = entity.masks().remove(this);
        tx.onRollback(() -> {
            synchronized (this) {
                attached.put(entity, order);
            }
            entity.attachments().add(this);
            if (mask != null) {
                entity.masks().put(this, mask);
            }
        });
        tx.touch(entity);
        tx.touch(this);
    }

    synchronized boolean isAttached(SbbEntity entity) {
        return attached.containsKey(entity);
    }

    synchronized List<SbbEntity> attachedEntities() {
        return new ArrayList<>(attached.keySet());
    }

    /**
     * The next entity to receive the event: highest priority first, then in attachment order (JSLEE 1.0).
     * Entities attached while the event is being delivered are included, so a child attached by its parent's
     * handler sees the same event.
     */
    synchronized SbbEntity nextRecipient(Set<SbbEntity> delivered) {
        SbbEntity next = null;
        long nextOrder = Long.MAX_VALUE;
        for (Map.Entry<SbbEntity, Long> entry : attached.entrySet()) {
            SbbEntity candidate = entry.getKey();
            if (delivered.contains(candidate)) {
                continue;
            }
            if (next == null || candidate.priority() > next.priority()
                    || candidate.priority() == next.priority() && entry.getValue() < nextOrder) {
                next = candidate;
                nextOrder = entry.getValue();
            }
        }
        return next;
    }

    /**
     * Queues an event. Submitting under the lock keeps "queued" and "a drain is scheduled" in step, so a refused
     * submission can be undone exactly.
     */
    void enqueue(PendingEvent pending) {
        synchronized (this) {
            if (state != State.ACTIVE) {
                throw new UnknownActivityException(handle);
            }
            if (queue.size() >= maxQueued) {
                throw new SleeOverloadedException(new RejectedExecutionException(
                        maxQueued + " events already queued on " + handle));
            }
            queue.addLast(pending);
            scheduleDrain(() -> queue.removeLast());
        }
    }

    /**
     * Queues the activity-end event after the events already fired and refuses events from now on. The end is
     * accepted even on a full queue: an activity that cannot end would hold its entities for ever.
     */
    void end() {
        synchronized (this) {
            if (state != State.ACTIVE) {
                throw new UnknownActivityException(handle);
            }
            state = State.ENDING;
            queue.addLast(new PendingEvent(ActivityEnd.INSTANCE, null));
            scheduleDrain(() -> {
                queue.removeLast();
                state = State.ACTIVE;
            });
        }
    }

    private void scheduleDrain(Runnable undo) {
        if (draining) {
            return;
        }
        draining = true;
        try {
            executor.execute(drain);
        } catch (RejectedExecutionException e) {
            draining = false;
            undo.run();
            throw new SleeOverloadedException(e);
        }
    }

    /** The next queued event, or null after marking the drain finished. */
    synchronized PendingEvent poll() {
        PendingEvent next = queue.pollFirst();
        if (next == null) {
            draining = false;
        }
        return next;
    }

    /** Hands the rest of the queue to a fresh drain task; false if the executor refused (the caller goes on). */
    synchronized boolean resubmit() {
        if (queue.isEmpty()) {
            draining = false;
            return true;
        }
        try {
            executor.execute(drain);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    synchronized void markEnded() {
        state = State.ENDED;
        queue.clear();
    }

    /** A null activity with nothing attached, no timer, no name and nothing queued is over (JSLEE 1.0). */
    synchronized boolean isIdleNullActivity() {
        return isNullActivity() && state == State.ACTIVE && attached.isEmpty() && timers.isEmpty()
                && names.isEmpty() && queue.isEmpty();
    }

    Set<String> names() {
        return names;
    }

    Set<Object> timers() {
        return timers;
    }

    @Override
    public String toString() {
        return "ActivityContext[" + handle + "]";
    }
}
