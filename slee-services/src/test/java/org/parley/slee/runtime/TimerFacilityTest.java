package org.parley.slee.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import javax.slee.ActivityContextInterface;
import javax.slee.facilities.TimerEvent;
import javax.slee.facilities.TimerFacility;
import javax.slee.facilities.TimerID;
import javax.slee.facilities.TimerOptions;
import javax.slee.facilities.TimerPreserveMissed;

import org.junit.jupiter.api.Test;
import org.parley.slee.runtime.TestEvents.Ping;

class TimerFacilityTest {

    /** Sets, repeats or cancels a timer on the activity of the Ping, as its key says; n is seconds. */
    public abstract static class AlarmSbb extends BaseSbb {

        public abstract TimerID getTimer();

        public abstract void setTimer(TimerID timer);

        public abstract long getStartedAt();

        public abstract void setStartedAt(long startedAt);

        public void onPing(Ping ping, ActivityContextInterface aci) {
            TimerFacility timers = context().timerFacility();
            long now = context().clock().millis();
            if (getStartedAt() == 0) {
                setStartedAt(now);
            }
            long at = now + ping.n() * 1000L;
            switch (ping.key()) {
                case "once" -> setTimer(timers.setTimer(aci, null, at, new TimerOptions()));
                case "thrice" -> setTimer(timers.setTimer(aci, null, at, 1000, 3, new TimerOptions()));
                case "late-none", "late-all" -> setTimer(timers.setTimer(aci, null, at, 1000, 5,
                        new TimerOptions(false, 500, ping.key().equals("late-all")
                                ? TimerPreserveMissed.ALL : TimerPreserveMissed.NONE)));
                case "cancel" -> timers.cancelTimer(getTimer());
                case "once-then-fail" -> {
                    setTimer(timers.setTimer(aci, null, at, new TimerOptions()));
                    throw new IllegalStateException("gave up");
                }
                default -> throw new IllegalArgumentException(ping.key());
            }
        }

        public void onTimer(TimerEvent timer, ActivityContextInterface aci) {
            journal().add("timer due " + (timer.getScheduledTime() - getStartedAt()) + " fired "
                    + (timer.getExpiryTime() - getStartedAt()) + " remaining " + timer.getRemainingRepetitions()
                    + " mine " + timer.getTimerID().equals(getTimer())
                    + (timer.getMissedRepetitions() > 0 ? " missed " + timer.getMissedRepetitions() : ""));
        }

        private Journal journal() {
            return context().resourceAdaptor(ProbeAdaptor.NAME, Journal.class);
        }
    }

    private final SleeFixture fixture = new SleeFixture();

    TimerFacilityTest() {
        fixture.slee.install(Service.builder("alarm", AlarmSbb.class)
                .initialEvent(Ping.class, ConvergenceVariable.ACTIVITY_CONTEXT).build());
        fixture.probe.startActivity("a");
    }

    private void advance(Duration duration) {
        fixture.scheduler.elapse(duration);
        fixture.settle();
    }

    @Test
    void aTimerFiresItsEventOnTheActivityWhenTheClockReachesIt() {
        fixture.probe.fire("a", new Ping("once", 30));
        fixture.settle();

        advance(Duration.ofSeconds(29));
        assertEquals(List.of(), fixture.journal.lines());

        advance(Duration.ofSeconds(1));
        assertEquals(List.of("timer due 30000 fired 30000 remaining 0 mine true"), fixture.journal.lines());
    }

    @Test
    void aPeriodicTimerFiresItsRepetitionsThenStops() {
        fixture.probe.fire("a", new Ping("thrice", 1));
        fixture.settle();

        advance(Duration.ofSeconds(10));

        assertEquals(List.of("timer due 1000 fired 1000 remaining 2 mine true",
                "timer due 2000 fired 2000 remaining 1 mine true",
                "timer due 3000 fired 3000 remaining 0 mine true"), fixture.journal.lines());
        assertEquals(0, fixture.scheduler.pending());
    }

    @Test
    void aCancelledTimerDoesNotFire() {
        fixture.probe.fire("a", new Ping("once", 30));
        fixture.probe.fire("a", new Ping("cancel", 0));
        fixture.settle();

        advance(Duration.ofMinutes(1));

        assertEquals(List.of(), fixture.journal.lines());
        assertEquals(0, fixture.scheduler.pending());
    }

    @Test
    void aTimerSetByAHandlerThatRollsBackIsNeverSet() {
        fixture.probe.fire("a", new Ping("once-then-fail", 30));
        fixture.settle();

        advance(Duration.ofMinutes(1));

        assertEquals(List.of("ra: failed Ping[key=once-then-fail, n=30] on a"), fixture.journal.lines());
        assertEquals(0, fixture.scheduler.pending());
    }

    @Test
    void timersEndWithTheirActivity() {
        fixture.probe.fire("a", new Ping("thrice", 1));
        fixture.settle();
        advance(Duration.ofMillis(1500));
        fixture.probe.end("a");
        fixture.settle();

        advance(Duration.ofSeconds(10));

        assertEquals(List.of("timer due 1000 fired 1000 remaining 2 mine true", "ra: ended a"),
                fixture.journal.lines());
        assertEquals(0, fixture.scheduler.pending());
    }

    @Test
    void stoppingTheSleeCancelsItsTimers() {
        fixture.probe.fire("a", new Ping("thrice", 1));
        fixture.settle();

        fixture.slee.stop();
        advance(Duration.ofSeconds(10));

        assertEquals(List.of(), fixture.journal.lines());
        assertEquals(0, fixture.scheduler.pending());
    }

    /** The clock jumps 3.5 s without the scheduler, as if the executor had stalled; timeout is 0.5 s. */
    private void stallThenCatchUp() {
        fixture.clock.advance(Duration.ofMillis(3500));
        advance(Duration.ZERO);
    }

    @Test
    void lateRepetitionsAreSkippedAndCountedUnderPreserveNone() {
        fixture.probe.fire("a", new Ping("late-none", 1));
        fixture.settle();

        stallThenCatchUp();

        assertEquals(List.of("timer due 3000 fired 3500 remaining 2 mine true missed 2"), fixture.journal.lines());
    }

    @Test
    void lateRepetitionsAreAllDeliveredUnderPreserveAll() {
        fixture.probe.fire("a", new Ping("late-all", 1));
        fixture.settle();

        stallThenCatchUp();

        assertEquals(List.of("timer due 1000 fired 3500 remaining 4 mine true",
                "timer due 2000 fired 3500 remaining 3 mine true",
                "timer due 3000 fired 3500 remaining 2 mine true"), fixture.journal.lines());
    }
}
