package org.parley.slee.runtime;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.slee.ActivityContextInterface;
import javax.slee.Address;
import javax.slee.facilities.TimerEvent;
import javax.slee.facilities.TimerFacility;
import javax.slee.facilities.TimerID;
import javax.slee.facilities.TimerOptions;
import javax.slee.facilities.TimerPreserveMissed;

import org.parley.time.Scheduler;

/**
 * The timer facility (JSLEE 1.0): a timer expires on the {@link Scheduler} port and its {@link TimerEvent} is
 * fired on the activity context it was set on. Setting and cancelling take effect when the transaction commits, so
 * a handler that rolls back leaves no timer behind. Timers end with their activity context.
 */
final class Timers implements TimerFacility {

    /** Times are whole milliseconds of the injected clock. */
    static final long RESOLUTION_MILLIS = 1;

    /**
     * An expiry delivered later than this after its scheduled time counts as missed. A second is long enough that
     * only a stalled executor trips it, short enough that a SIP timer is not honoured pointlessly late.
     */
    static final long DEFAULT_TIMEOUT_MILLIS = 1000;

    private final Slee slee;
    private final Clock clock;
    private final Scheduler scheduler;
    private final AtomicLong ids = new AtomicLong();
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    Timers(Slee slee, Clock clock, Scheduler scheduler) {
        this.slee = slee;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    @Override
    public TimerID setTimer(ActivityContextInterface aci, Address address, long startTime, TimerOptions options) {
        return setTimer(aci, address, startTime, Long.MAX_VALUE, 1, options);
    }

    @Override
    public TimerID setTimer(ActivityContextInterface aci, Address address, long startTime, long period,
                            int numRepetitions, TimerOptions options) {
        Objects.requireNonNull(aci, "aci");
        Objects.requireNonNull(options, "options");
        if (startTime < 0 || period <= 0 || numRepetitions < 0) {
            throw new IllegalArgumentException("startTime and numRepetitions must be >= 0 and period > 0");
        }
        long timeout = options.getTimeout() == 0 ? DEFAULT_TIMEOUT_MILLIS : options.getTimeout();
        if (numRepetitions != 1 && timeout > period) {
            throw new IllegalArgumentException("a periodic timer's timeout must not exceed its period");
        }
        ActivityContext activityContext = ActivityContext.of(aci);
        SleeTransaction tx = SleeTransaction.current();
        TimerKey id = new TimerKey(ids.incrementAndGet());
        Timer timer = new Timer(id, activityContext, address, startTime, period, numRepetitions, timeout,
                options.getPreserveMissed());
        tx.afterCommit(() -> start(timer));
        return id;
    }

    @Override
    public void cancelTimer(TimerID timerID) {
        Objects.requireNonNull(timerID, "timerID");
        SleeTransaction.current().afterCommit(() -> cancel(timerID));
    }

    @Override
    public long getResolution() {
        return RESOLUTION_MILLIS;
    }

    @Override
    public long getDefaultTimeout() {
        return DEFAULT_TIMEOUT_MILLIS;
    }

    /** Cancels every timer set on an activity context that has ended. */
    void cancelAll(ActivityContext activityContext) {
        for (Object id : activityContext.timers()) {
            cancel((TimerID) id);
        }
    }

    /** Cancels every timer, so that none fires into a stopped SLEE. */
    void cancelEverything() {
        for (TimerKey id : timers.keySet()) {
            cancel(id);
        }
    }

    private void start(Timer timer) {
        if (timer.activityContext.isEnding()) {
            return;
        }
        timers.put(timer.id, timer);
        timer.activityContext.timers().add(timer.id);
        schedule(timer);
    }

    private void cancel(TimerID id) {
        Timer timer = timers.remove(id);
        if (timer == null) {
            return;
        }
        synchronized (timer) {
            timer.cancelled = true;
            if (timer.scheduled != null) {
                timer.scheduled.cancel();
            }
        }
        timer.activityContext.timers().remove(id);
        slee.endIfIdle(timer.activityContext);
    }

    private void schedule(Timer timer) {
        synchronized (timer) {
            if (!timer.cancelled) {
                timer.scheduled = scheduler.schedule(Instant.ofEpochMilli(timer.nextTime), () -> expire(timer));
            }
        }
    }

    /**
     * One expiry. A late one (past the timeout) is still delivered under {@code preserveMissed=ALL}, delivered under
     * LAST only if no later repetition is also due, and counted as missed under NONE.
     */
    private void expire(Timer timer) {
        TimerEvent event;
        boolean more;
        synchronized (timer) {
            if (timer.cancelled) {
                return;
            }
            long now = clock.millis();
            long scheduledTime = timer.nextTime;
            timer.delivered++;
            more = timer.numRepetitions == 0 || timer.delivered < timer.numRepetitions;
            timer.nextTime = more ? scheduledTime + timer.period : Long.MAX_VALUE;
            boolean late = now - scheduledTime > timer.timeout;
            boolean deliver = !late || timer.preserveMissed.isAll()
                    || timer.preserveMissed.isLast() && timer.nextTime > now;
            if (deliver) {
                int remaining = timer.numRepetitions == 0 ? Integer.MAX_VALUE : timer.numRepetitions - timer.delivered;
                event = new SleeTimerEvent(timer.id, scheduledTime, now, timer.period, timer.numRepetitions,
                        remaining, timer.missed);
                timer.missed = 0;
            } else {
                event = null;
                timer.missed++;
            }
        }
        if (event != null) {
            slee.fireFromTimer(timer.activityContext, event, timer.address);
        }
        if (more) {
            schedule(timer);
        } else {
            cancel(timer.id);
        }
    }

    record TimerKey(long id) implements TimerID {
    }

    record SleeTimerEvent(TimerID timerID, long scheduledTime, long expiryTime, long period, int numRepetitions,
                          int remainingRepetitions, int missedRepetitions) implements TimerEvent {

        @Override
        public TimerID getTimerID() {
            return timerID;
        }

        @Override
        public long getScheduledTime() {
            return scheduledTime;
        }

        @Override
        public long getExpiryTime() {
            return expiryTime;
        }

        @Override
        public long getPeriod() {
            return period;
        }

        @Override
        public int getNumRepetitions() {
            return numRepetitions;
        }

        @Override
        public int getRemainingRepetitions() {
            return remainingRepetitions;
        }

        @Override
        public int getMissedRepetitions() {
            return missedRepetitions;
        }
    }

    private static final class Timer {
        final TimerKey id;
        final ActivityContext activityContext;
        final Address address;
        final long period;
        final int numRepetitions;
        final long timeout;
        final TimerPreserveMissed preserveMissed;
        long nextTime;
        int delivered;
        int missed;
        boolean cancelled;
        Scheduler.Timer scheduled;

        Timer(TimerKey id, ActivityContext activityContext, Address address, long startTime, long period,
              int numRepetitions, long timeout, TimerPreserveMissed preserveMissed) {
            this.id = id;
            this.activityContext = activityContext;
            this.address = address;
            this.nextTime = startTime;
            this.period = period;
            this.numRepetitions = numRepetitions;
            this.timeout = timeout;
            this.preserveMissed = preserveMissed;
        }
    }
}
