package org.parley.slee.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.slee.ActivityContextInterface;
import javax.slee.ActivityEndEvent;

import org.junit.jupiter.api.Test;
import org.parley.slee.runtime.TestEvents.Hello;
import org.parley.slee.runtime.TestEvents.Ping;

class EventRoutingTest {

    /** Records each ping with the number of pings its entity saw before, kept in CMP. */
    public abstract static class CountingSbb extends BaseSbb {

        public abstract int getSeen();

        public abstract void setSeen(int seen);

        public abstract String getFirstKey();

        public abstract void setFirstKey(String key);

        @Override
        public void sbbCreate() {
            journal().add("created");
        }

        public void onPing(Ping ping, ActivityContextInterface aci) {
            if (getFirstKey() == null) {
                setFirstKey(ping.key() + "#" + ping.n());
            }
            setSeen(getSeen() + 1);
            journal().add(activityName(aci) + " " + ping.key() + " " + ping.n() + " seen=" + getSeen()
                    + " first=" + getFirstKey());
        }

        Journal journal() {
            return context().resourceAdaptor(ProbeAdaptor.NAME, Journal.class);
        }

        static String activityName(ActivityContextInterface aci) {
            return ((ProbeAdaptor.ProbeActivity) aci.getActivity()).name();
        }
    }

    @Test
    void eventsOnOneActivityAreDeliveredInTheOrderFired() {
        SleeFixture fixture = new SleeFixture();
        fixture.slee.install(Service.builder("count", CountingSbb.class)
                .initialEvent(Ping.class, ConvergenceVariable.ACTIVITY_CONTEXT).build());
        fixture.probe.startActivity("a");
        for (int n = 1; n <= 5; n++) {
            fixture.probe.fire("a", new Ping("k", n));
        }

        fixture.settle();

        assertEquals(List.of("created",
                "a k 1 seen=1 first=k#1", "a k 2 seen=2 first=k#1", "a k 3 seen=3 first=k#1",
                "a k 4 seen=4 first=k#1", "a k 5 seen=5 first=k#1"), fixture.journal.lines());
        assertEquals(1, fixture.slee.rootEntityCount("count"));
    }

    @Test
    void convergenceOnACustomNameGivesOneRootEntityPerKeyAcrossActivities() {
        SleeFixture fixture = new SleeFixture();
        fixture.slee.install(Service.builder("count", CountingSbb.class)
                .initialEvent(Ping.class, selector -> {
                    selector.setCustomName(((Ping) selector.getEvent()).key());
                    return selector;
                }).build());
        fixture.probe.startActivity("a");
        fixture.probe.startActivity("b");
        fixture.probe.startActivity("c");
        fixture.probe.fire("a", new Ping("alice", 1));
        fixture.settle();
        fixture.probe.fire("b", new Ping("alice", 2));
        fixture.settle();
        fixture.probe.fire("c", new Ping("bob", 3));
        fixture.settle();

        assertEquals(List.of("created", "a alice 1 seen=1 first=alice#1",
                "b alice 2 seen=2 first=alice#1",
                "created", "c bob 3 seen=1 first=bob#3"), fixture.journal.lines());
        assertEquals(2, fixture.slee.rootEntityCount("count"));
    }

    @Test
    void theAddressSelectsTheRootWhenDeclaredAndASelectorMayDeclineTheEvent() {
        SleeFixture fixture = new SleeFixture();
        fixture.slee.install(Service.builder("count", CountingSbb.class)
                .initialEvent(Ping.class, selector -> {
                    selector.setInitialEvent(!((Ping) selector.getEvent()).key().equals("ignored"));
                    return selector;
                }, ConvergenceVariable.ADDRESS).build());
        fixture.probe.startActivity("a");
        fixture.probe.startActivity("b");
        fixture.probe.fire("a", new Ping("x", 1), ProbeAdaptor.address("sip:100@example.org"));
        fixture.probe.fire("b", new Ping("y", 2), ProbeAdaptor.address("sip:100@example.org"));
        fixture.probe.fire("b", new Ping("ignored", 3), ProbeAdaptor.address("sip:200@example.org"));

        fixture.settle();

        assertEquals(1, fixture.slee.rootEntityCount("count"));
        // The root is attached to "b" by the second ping, so the declined third ping still reaches it there.
        assertEquals(List.of("created", "a x 1 seen=1 first=x#1", "b y 2 seen=2 first=x#1",
                "b ignored 3 seen=3 first=x#1"), fixture.journal.lines());
    }

    /** Greets on Hello, and on Ping too once it exists: a second service on the same events. */
    public abstract static class GreeterSbb extends BaseSbb {

        public void onHello(Hello hello, ActivityContextInterface aci) {
            context().resourceAdaptor(ProbeAdaptor.NAME, Journal.class).add("hello " + hello.who());
        }

        public void onPing(Ping ping, ActivityContextInterface aci) {
            context().resourceAdaptor(ProbeAdaptor.NAME, Journal.class).add("greeter saw " + ping.n());
        }
    }

    @Test
    void eachServiceGetsItsInitialEventsAndAttachedEntitiesGetTheRest() {
        SleeFixture fixture = new SleeFixture();
        fixture.slee.install(Service.builder("count", CountingSbb.class)
                .initialEvent(Ping.class, ConvergenceVariable.ACTIVITY_CONTEXT).build());
        fixture.slee.install(Service.builder("greeter", GreeterSbb.class)
                .initialEvent(Hello.class, ConvergenceVariable.ACTIVITY_CONTEXT).build());
        fixture.probe.startActivity("a");
        fixture.probe.startActivity("b");
        fixture.probe.fire("a", new Ping("k", 1));
        fixture.probe.fire("a", new Hello("ann"));
        fixture.probe.fire("a", new Ping("k", 2));
        fixture.probe.fire("b", new Hello("ben"));

        fixture.settle();

        assertEquals(List.of("created", "a k 1 seen=1 first=k#1", "hello ann",
                        "a k 2 seen=2 first=k#1", "greeter saw 2", "hello ben"),
                fixture.journal.lines());
    }

    /** Holds each activity's in-flight count so overlapping deliveries on one activity would show. */
    public abstract static class OrderCheckingSbb extends BaseSbb {

        public abstract int getLast();

        public abstract void setLast(int last);

        public void onPing(Ping ping, ActivityContextInterface aci) {
            Journal journal = context().resourceAdaptor(ProbeAdaptor.NAME, Journal.class);
            if (journal.enter(ping.key()) != 1) {
                journal.add("overlap on " + ping.key());
            }
            if (ping.n() != getLast() + 1) {
                journal.add("out of order on " + ping.key() + ": " + ping.n() + " after " + getLast());
            }
            setLast(ping.n());
            journal.add(ping.key() + " " + ping.n());
            journal.exit(ping.key());
        }
    }

    @Test
    void onAPoolEachActivityStaysInOrderAndOneAtATime() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            SleeFixture fixture = new SleeFixture(pool);
            fixture.slee.install(Service.builder("order", OrderCheckingSbb.class)
                    .initialEvent(Ping.class, ConvergenceVariable.ACTIVITY_CONTEXT).build());
            List<String> activities = List.of("a", "b", "c", "d");
            activities.forEach(fixture.probe::startActivity);
            int events = 300;
            for (int n = 1; n <= events; n++) {
                for (String activity : activities) {
                    fixture.probe.fire(activity, new Ping(activity, n));
                }
            }
            activities.forEach(fixture.probe::end);
            awaitLines(fixture.journal, "ra: ended", activities.size());

            List<String> lines = fixture.journal.lines();
            assertTrue(lines.stream().noneMatch(line -> line.startsWith("overlap") || line.startsWith("out of")),
                    () -> lines.stream().filter(l -> l.startsWith("o")).collect(Collectors.joining("\n")));
            for (String activity : activities) {
                List<String> expected = IntStream.rangeClosed(1, events).mapToObj(n -> activity + " " + n).toList();
                assertEquals(expected, fixture.journal.linesStartingWith(activity + " "));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One entity for all activities (custom name); counts every ping in CMP and flags overlapping handlers. */
    public abstract static class SharedCounterSbb extends BaseSbb {

        public abstract int getTotal();

        public abstract void setTotal(int total);

        public void onPing(Ping ping, ActivityContextInterface aci) {
            Journal journal = context().resourceAdaptor(ProbeAdaptor.NAME, Journal.class);
            if (journal.enter("entity") != 1) {
                journal.add("overlap in the entity");
            }
            setTotal(getTotal() + 1);
            journal.exit("entity");
        }

        public void onActivityEnd(ActivityEndEvent end, ActivityContextInterface aci) {
            context().resourceAdaptor(ProbeAdaptor.NAME, Journal.class).add("total " + getTotal());
        }
    }

    @Test
    void anEntityOnSeveralActivitiesRunsOneHandlerAtATimeAndLosesNoUpdate() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            SleeFixture fixture = new SleeFixture(pool);
            fixture.slee.install(Service.builder("shared", SharedCounterSbb.class)
                    .initialEvent(Ping.class, selector -> {
                        selector.setCustomName("everyone");
                        return selector;
                    }).build());
            // The keeper activity holds the entity while the others come and go, so one entity sees every ping.
            fixture.probe.startActivity("keeper");
            fixture.probe.fire("keeper", new Ping("keeper", 0));
            await(() -> fixture.slee.rootEntityCount("shared") == 1, "the keeper's entity");
            List<String> activities = List.of("a", "b", "c");
            activities.forEach(fixture.probe::startActivity);
            int events = 300;
            for (int n = 1; n <= events; n++) {
                for (String activity : activities) {
                    fixture.probe.fire(activity, new Ping(activity, n));
                }
            }
            activities.forEach(fixture.probe::end);
            awaitLines(fixture.journal, "ra: ended", activities.size());
            fixture.probe.end("keeper");
            awaitLines(fixture.journal, "ra: ended", activities.size() + 1);

            assertEquals(List.of(), fixture.journal.linesStartingWith("overlap"));
            List<String> totals = fixture.journal.linesStartingWith("total");
            assertEquals("total " + (1 + events * activities.size()), totals.get(totals.size() - 1));
            assertEquals(0, fixture.slee.rootEntityCount("shared"));
        } finally {
            pool.shutdownNow();
        }
    }

    /** On "wait" it blocks until some other activity's handler opens the gate; on "open" it opens it. */
    public abstract static class GateSbb extends BaseSbb {

        public void onPing(Ping ping, ActivityContextInterface aci) {
            Journal journal = context().resourceAdaptor(ProbeAdaptor.NAME, Journal.class);
            if (ping.key().equals("wait")) {
                journal.add(journal.awaitGate(Duration.ofSeconds(10)) ? "gate opened" : "gate timed out");
            } else {
                journal.openGate();
            }
        }
    }

    /** Keeps the first ping's key in CMP, then detaches: an entity that lives for one event, as a challenged INVITE. */
    public abstract static class OneEventSbb extends BaseSbb {

        public abstract String getFirst();

        public abstract void setFirst(String first);

        public void onPing(Ping ping, ActivityContextInterface aci) {
            Journal journal = context().resourceAdaptor(ProbeAdaptor.NAME, Journal.class);
            journal.add(CountingSbb.activityName(aci) + " " + ping.n() + " first=" + getFirst());
            if (getFirst() == null) {
                setFirst(ping.key() + "#" + ping.n());
            }
            aci.detach(self());
            SleeTransaction.current().afterCommit(journal.takeEffect());
        }
    }

    @Test
    void anInitialEventArrivingBeforeADetachedRootIsRemovedGetsANewRoot() {
        SleeFixture fixture = new SleeFixture();
        fixture.slee.install(Service.builder("once", OneEventSbb.class)
                .initialEvent(Ping.class, selector -> {
                    selector.setCustomName(((Ping) selector.getEvent()).key());
                    return selector;
                }).build());
        fixture.probe.startActivity("challenge");
        fixture.probe.startActivity("retry");
        // The first entity's commit sends the answer, and the peer's next request is delivered at once, before the
        // router has removed that entity (as on a busy server, where another event thread takes it).
        fixture.journal.onCommit(() -> {
            fixture.probe.fire("retry", new Ping("call-1", 2));
            fixture.settle();
        });
        fixture.probe.fire("challenge", new Ping("call-1", 1));

        fixture.settle();

        assertEquals(List.of("challenge 1 first=null", "retry 2 first=null"), fixture.journal.lines());
        assertEquals(0, fixture.slee.rootEntityCount("once"));
    }

    @Test
    void differentActivitiesRunInParallel() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            SleeFixture fixture = new SleeFixture(pool);
            fixture.slee.install(Service.builder("gate", GateSbb.class)
                    .initialEvent(Ping.class, ConvergenceVariable.ACTIVITY_CONTEXT).build());
            fixture.probe.startActivity("waiter");
            fixture.probe.startActivity("opener");
            fixture.probe.fire("waiter", new Ping("wait", 1));
            fixture.probe.fire("opener", new Ping("open", 1));

            awaitLines(fixture.journal, "gate", 1);

            assertEquals(List.of("gate opened"), fixture.journal.linesStartingWith("gate"));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls without sleeping; the pool threads do the work meanwhile. */
    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private static void awaitLines(Journal journal, String prefix, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            seen = journal.linesStartingWith(prefix);
            if (seen.size() >= count) {
                return;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        throw new AssertionError("expected " + count + " lines starting with " + prefix + ", saw " + seen);
    }
}
