package org.parley.event;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.parley.time.Monitors;
import org.parley.time.Scheduler;

/**
 * Appends events to the log off the caller's thread, in batches: the ACD's decision path hands its events here and
 * never waits on the database. Order is kept. A batch that fails is retried, after a pause that doubles up to
 * {@link #MAX_RETRY_DELAY}, before anything behind it is written, so while the database is away nothing is lost or
 * reordered; the events wait in memory meanwhile, up to a limit.
 *
 * <p>The limit ({@code maxPending}) bounds the heap whatever the outage: at it, {@link #append} refuses with
 * {@link EventLogFullException}, so the producer knows the event was not recorded (nothing is dropped unseen).
 * Producers that start new work check {@link #hasRoom()} first, which turns false a tenth below the limit, so that
 * work already under way (its timers, calls in progress) still has room to record its end.
 *
 * <p>At most one batch is being written at any time; no thread is held between batches.
 */
public final class WriteBehindEventLog {

    /** Big enough to amortise a round trip, small enough for one short transaction. */
    static final int MAX_BATCH = 500;
    static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(250);
    static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(15);
    /**
     * A routing event takes about 1 KB on the heap, so 100,000 is ~100 MB; a 500-agent center makes ~15 ACD events
     * a second on average (1.27 M a day), so that is about an hour and a half of database outage at that rate.
     */
    public static final int DEFAULT_MAX_PENDING = 100_000;

    private static final System.Logger LOG = System.getLogger(WriteBehindEventLog.class.getName());

    private final Consumer<List<DomainEvent>> writer;
    private final Executor executor;
    private final Scheduler scheduler;
    private final Clock clock;
    private final long maxPending;
    private final long newWorkLimit;
    private final ConcurrentLinkedQueue<DomainEvent> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final Object drained = new Object();

    /** Touched only by the one writing task. */
    private List<DomainEvent> retrying;
    private Duration retryDelay = FIRST_RETRY_DELAY;

    /**
     * @param writer appends one batch in one transaction, all or none; throws if it could not
     */
    public WriteBehindEventLog(Consumer<List<DomainEvent>> writer, Executor executor, Scheduler scheduler,
            Clock clock) {
        this(writer, executor, scheduler, clock, DEFAULT_MAX_PENDING);
    }

    /** @param maxPending the most events held while they cannot be written; at least 10 */
    public WriteBehindEventLog(Consumer<List<DomainEvent>> writer, Executor executor, Scheduler scheduler,
            Clock clock, int maxPending) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxPending < 10) {
            throw new IllegalArgumentException("the event log needs room for at least 10 pending events");
        }
        this.maxPending = maxPending;
        this.newWorkLimit = maxPending - maxPending / 10;
    }

    /**
     * @throws EventLogFullException when {@code maxPending} events wait already; the event is not taken
     * @throws IllegalStateException once {@link #close closed}; the event is not taken
     */
    public void append(DomainEvent event) {
        Objects.requireNonNull(event, "event");
        if (closed.get()) {
            throw new IllegalStateException("the event log is closed (shutting down): event " + event.id() + " ("
                    + event.type() + ") is not recorded");
        }
        long now = pending.incrementAndGet();
        if (now > maxPending) {
            if (pending.decrementAndGet() == 0) {
                // the writer may have emptied the buffer meanwhile and seen this refused event as pending
                synchronized (drained) {
                    drained.notifyAll();
                }
            }
            throw new EventLogFullException(event, maxPending);
        }
        queued.add(event);
        startWriting();
    }

    /** Whether new work may start; see the class comment. */
    public boolean hasRoom() {
        return pending.get() < newWorkLimit;
    }

    public EventJournal.Backlog backlog() {
        return new EventJournal.Backlog(pending.get(), newWorkLimit, maxPending, written.get(), failedAttempts.get());
    }

    /** Events handed in and not yet written. */
    public long pending() {
        return pending.get();
    }

    public long written() {
        return written.get();
    }

    /** Batches that failed and were (or will be) retried. */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    /**
     * Waits until everything handed in so far is written, or the timeout passes (for shutdown).
     *
     * @return whether everything was written
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        return Monitors.awaitUntil(drained, () -> pending.get() == 0, timeout);
    }

    /**
     * Stops writing, for good: no batch starts and no retry runs after this (one being written finishes). Called
     * once the shutdown's {@link #flush} has done what it could; what is still pending is not written.
     *
     * @return the events left unwritten
     */
    public long close() {
        closed.set(true);
        return pending.get();
    }

    private void startWriting() {
        if (writing.compareAndSet(false, true)) {
            executor.execute(this::write);
        }
    }

    /** Runs while {@link #writing} is held; releases it unless a retry is scheduled. */
    private void write() {
        while (!closed.get()) {
            List<DomainEvent> batch = retrying != null ? retrying : nextBatch();
            if (batch.isEmpty()) {
                break;
            }
            try {
                writer.accept(batch);
            } catch (RuntimeException e) {
                failedAttempts.incrementAndGet();
                retrying = batch;
                LOG.log(System.Logger.Level.WARNING, "could not write " + batch.size() + " event(s) to the event log;"
                        + " retrying in " + retryDelay.toMillis() + " ms with " + pending.get() + " pending", e);
                scheduler.schedule(clock.instant().plus(retryDelay), () -> executor.execute(this::write));
                retryDelay = retryDelay.multipliedBy(2).compareTo(MAX_RETRY_DELAY) > 0
                        ? MAX_RETRY_DELAY : retryDelay.multipliedBy(2);
                return;
            }
            retrying = null;
            retryDelay = FIRST_RETRY_DELAY;
            written.addAndGet(batch.size());
            if (pending.addAndGet(-batch.size()) == 0) {
                synchronized (drained) {
                    drained.notifyAll();
                }
            }
        }
        writing.set(false);
        // an event may have been queued after the last poll and before the flag was lowered
        if (!queued.isEmpty()) {
            startWriting();
        }
    }

    private List<DomainEvent> nextBatch() {
        List<DomainEvent> batch = new ArrayList<>(Math.min(MAX_BATCH, (int) Math.max(1, pending.get())));
        DomainEvent next;
        while (batch.size() < MAX_BATCH && (next = queued.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }
}
