package org.parley.slee.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import javax.slee.ActivityContextInterface;
import javax.slee.ActivityEndEvent;

import org.junit.jupiter.api.Test;
import org.parley.slee.ra.SleeOverloadedException;
import org.parley.slee.ra.UnknownActivityException;
import org.parley.slee.runtime.TestEvents.Hello;
import org.parley.slee.runtime.TestEvents.Ping;

class ActivityLifecycleTest {

    /**
     * Converges on the Ping's key, so one entity spans activities. "detach" detaches it from the activity the event
     * came on; "mask" masks further pings there.
     */
    public abstract static class SessionSbb extends BaseSbb {

        public void onPing(Ping ping, ActivityContextInterface aci) throws Exception {
            journal().add("ping " + ping.n() + " on " + name(aci) + " attached to " + context().getActivities().length);
            if (ping.key().equals("detach")) {
                aci.detach(self());
            }
        }

        public void onHello(Hello hello, ActivityContextInterface aci) throws Exception {
            context().maskEvent(new String[] {"Ping"}, aci);
            journal().add("masked Ping on " + name(aci));
        }

        public void onActivityEnd(ActivityEndEvent end, ActivityContextInterface aci) {
            journal().add("end of " + name(aci));
        }

        @Override
        public void sbbRemove() {
            journal().add("removed");
        }

        private Journal journal() {
            return context().resourceAdaptor(ProbeAdaptor.NAME, Journal.class);
        }

        private static String name(ActivityContextInterface aci) {
            return ((ProbeAdaptor.ProbeActivity) aci.getActivity()).name();
        }
    }

    private final SleeFixture fixture = new SleeFixture();

    private void install() {
        fixture.slee.install(Service.builder("session", SessionSbb.class)
                .initialEvent(Ping.class, selector -> {
                    selector.setCustomName("one");
                    return selector;
                }).build());
    }

    @Test
    void theEndEventComesAfterQueuedEventsThenTheEntityIsRemovedAndTheActivityRefusesEvents() {
        install();
        fixture.probe.startActivity("a");
        fixture.probe.fire("a", new Ping("k", 1));
        fixture.probe.fire("a", new Ping("k", 2));
        fixture.probe.end("a");

        assertThrows(UnknownActivityException.class, () -> fixture.probe.fire("a", new Ping("k", 3)));
        fixture.settle();

        assertEquals(List.of("ping 1 on a attached to 1", "ping 2 on a attached to 1", "end of a", "removed",
                "ra: ended a"), fixture.journal.lines());
        assertEquals(0, fixture.slee.rootEntityCount("session"));
        assertThrows(UnknownActivityException.class, () -> fixture.probe.fire("a", new Ping("k", 4)));
    }

    @Test
    void anEntityAttachedToTwoActivitiesOutlivesTheFirstToEnd() {
        install();
        fixture.probe.startActivity("a");
        fixture.probe.startActivity("b");
        fixture.probe.fire("a", new Ping("k", 1));
        fixture.probe.fire("b", new Ping("k", 2));
        fixture.settle();
        fixture.probe.end("a");
        fixture.settle();

        assertEquals(1, fixture.slee.rootEntityCount("session"));

        fixture.probe.end("b");
        fixture.settle();

        assertEquals(List.of("ping 1 on a attached to 1", "ping 2 on b attached to 2", "end of a", "ra: ended a",
                "end of b", "removed", "ra: ended b"), fixture.journal.lines());
        assertEquals(0, fixture.slee.rootEntityCount("session"));
    }

    @Test
    void anEntityThatDetachesFromItsLastActivityIsRemovedAtOnce() {
        install();
        fixture.probe.startActivity("a");
        fixture.probe.fire("a", new Ping("detach", 1));
        fixture.settle();

        assertEquals(List.of("ping 1 on a attached to 1", "removed"), fixture.journal.lines());
        assertEquals(0, fixture.slee.rootEntityCount("session"));
        assertEquals(1, fixture.slee.liveActivityCount());
    }

    @Test
    void aMaskedEventIsNotDeliveredOnThatActivity() {
        install();
        fixture.probe.startActivity("a");
        fixture.probe.fire("a", new Ping("k", 1));
        fixture.probe.fire("a", new Hello("mask"));
        fixture.probe.fire("a", new Ping("k", 2));
        fixture.settle();

        assertEquals(List.of("ping 1 on a attached to 1", "masked Ping on a"), fixture.journal.lines());
    }

    @Test
    void aSaturatedExecutorRefusesTheEventAndTheActivityWorksOnceItDrains() {
        SleeFixture bounded = new SleeFixture(new ManualExecutor(1));
        bounded.slee.install(Service.builder("session", SessionSbb.class)
                .initialEvent(Ping.class, ConvergenceVariable.ACTIVITY_CONTEXT).build());
        bounded.probe.startActivity("a");
        bounded.probe.startActivity("b");
        bounded.probe.fire("a", new Ping("k", 1));
        // "a" already has its drain task queued, so a second event on it needs no new task.
        bounded.probe.fire("a", new Ping("k", 2));

        assertThrows(SleeOverloadedException.class, () -> bounded.probe.fire("b", new Ping("k", 3)));
        bounded.settle();
        bounded.probe.fire("b", new Ping("k", 4));
        bounded.settle();

        assertEquals(List.of("ping 1 on a attached to 1", "ping 2 on a attached to 1", "ping 4 on b attached to 1"),
                bounded.journal.lines());
    }

    @Test
    void aFloodedActivityRefusesEventsPastItsQueueLimitButStillEnds() {
        SleeFixture small = new SleeFixture(new ManualExecutor(), builder -> builder.maxQueuedEventsPerActivity(2));
        small.slee.install(Service.builder("session", SessionSbb.class)
                .initialEvent(Ping.class, ConvergenceVariable.ACTIVITY_CONTEXT).build());
        small.probe.startActivity("a");
        small.probe.fire("a", new Ping("k", 1));
        small.probe.fire("a", new Ping("k", 2));

        assertThrows(SleeOverloadedException.class, () -> small.probe.fire("a", new Ping("k", 3)));
        small.probe.end("a");
        small.settle();

        assertEquals(List.of("ping 1 on a attached to 1", "ping 2 on a attached to 1", "end of a", "removed",
                "ra: ended a"), small.journal.lines());
    }
}
