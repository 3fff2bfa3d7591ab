package org.parley.slee.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import javax.slee.ActivityContextInterface;
import javax.slee.ActivityEndEvent;
import javax.slee.ChildRelation;
import javax.slee.SbbLocalObject;
import javax.slee.TransactionRolledbackLocalException;

import org.junit.jupiter.api.Test;
import org.parley.slee.runtime.TestEvents.Boom;
import org.parley.slee.runtime.TestEvents.Hello;
import org.parley.slee.runtime.TestEvents.Ping;

class ChildRelationTest {

    /** What a call SBB may ask of its legs. */
    public interface LegLocal extends SbbLocalObject {

        void rename(String name);

        String describe();

        void refuse();
    }

    /** A root that makes one leg per name in a Hello, attaching each to the activity. */
    public abstract static class CallSbb extends BaseSbb {

        @ChildSbb(value = LegSbb.class, priority = 10)
        public abstract ChildRelation getLegs();

        public abstract LegLocal getFirstLeg();

        public abstract void setFirstLeg(LegLocal leg);

        public void onHello(Hello hello, ActivityContextInterface aci) throws Exception {
            for (String name : hello.who().split(",")) {
                LegLocal leg = (LegLocal) getLegs().create();
                leg.rename(name);
                aci.attach(leg);
                if (getFirstLeg() == null) {
                    setFirstLeg(leg);
                }
            }
            journal().add("legs=" + getLegs().size() + " first=" + getFirstLeg().describe());
        }

        public void onPing(Ping ping, ActivityContextInterface aci) {
            journal().add("call got " + ping.n());
            if (ping.key().equals("drop-first")) {
                assertTrue(getLegs().remove(getFirstLeg()));
                setFirstLeg(null);
            }
            if (ping.key().equals("ask-first")) {
                try {
                    getFirstLeg().refuse();
                } catch (TransactionRolledbackLocalException e) {
                    journal().add("leg refused: " + e.getCause().getMessage() + ", rollback only "
                            + context().getRollbackOnly());
                }
            }
        }

        public void onBoom(Boom boom, ActivityContextInterface aci) throws Exception {
            LegLocal leg = (LegLocal) getLegs().create();
            leg.rename("doomed");
            aci.attach(leg);
            throw new IllegalStateException("no route");
        }

        @Override
        public void sbbRemove() {
            journal().add("call removed");
        }

        Journal journal() {
            return context().resourceAdaptor(ProbeAdaptor.NAME, Journal.class);
        }
    }

    @SbbLocal(LegLocal.class)
    public abstract static class LegSbb extends BaseSbb {

        public abstract String getName();

        public abstract void setName(String name);

        public void rename(String name) {
            setName(name);
        }

        public String describe() {
            return "leg " + getName();
        }

        public void refuse() {
            setName("refused");
            throw new IllegalStateException("busy here");
        }

        public void onPing(Ping ping, ActivityContextInterface aci) {
            journal().add(describe() + " got " + ping.n());
        }

        public void onActivityEnd(ActivityEndEvent end, ActivityContextInterface aci) {
            journal().add(describe() + " sees the activity end");
        }

        @Override
        public void sbbRemove() {
            journal().add(describe() + " removed");
        }

        Journal journal() {
            return context().resourceAdaptor(ProbeAdaptor.NAME, Journal.class);
        }
    }

    private final SleeFixture fixture = new SleeFixture();

    private void startCall() {
        fixture.slee.install(Service.builder("call", CallSbb.class)
                .initialEvent(Hello.class, ConvergenceVariable.ACTIVITY_CONTEXT).build());
        fixture.probe.startActivity("a");
        fixture.probe.fire("a", new Hello("x,y"));
        fixture.settle();
    }

    @Test
    void childrenAttachedByTheParentGetLaterEventsFirstByTheirHigherPriority() {
        startCall();
        fixture.probe.fire("a", new Ping("k", 1));
        fixture.settle();

        assertEquals(List.of("legs=2 first=leg x", "leg x got 1", "leg y got 1", "call got 1"),
                fixture.journal.lines());
    }

    @Test
    void removingAChildThroughTheRelationRemovesThatEntityOnly() {
        startCall();
        fixture.probe.fire("a", new Ping("drop-first", 1));
        fixture.probe.fire("a", new Ping("k", 2));
        fixture.settle();

        assertEquals(List.of("legs=2 first=leg x", "leg x got 1", "leg y got 1", "call got 1", "leg x removed",
                "leg y got 2", "call got 2"), fixture.journal.lines());
    }

    @Test
    void whenTheActivityEndsTheTreeIsRemovedChildrenFirst() {
        startCall();
        fixture.probe.end("a");
        fixture.settle();

        assertEquals(List.of("legs=2 first=leg x", "leg x sees the activity end", "leg y sees the activity end",
                "leg x removed", "leg y removed", "call removed", "ra: ended a"), fixture.journal.lines());
        assertEquals(0, fixture.slee.rootEntityCount("call"));
        assertEquals(0, fixture.slee.liveActivityCount());
    }

    @Test
    void aChildCreatedByAHandlerThatThrowsIsUndone() {
        startCall();
        fixture.probe.fire("a", new Boom("x"));
        fixture.probe.fire("a", new Ping("k", 1));
        fixture.settle();

        assertEquals(List.of("legs=2 first=leg x", "ra: failed Boom[key=x] on a",
                "leg x got 1", "leg y got 1", "call got 1"), fixture.journal.lines());
    }

    @Test
    void aLocalCallThatThrowsRollsBackTheCallersTransaction() {
        startCall();
        fixture.probe.fire("a", new Ping("ask-first", 1));
        fixture.probe.fire("a", new Ping("k", 2));
        fixture.settle();

        assertEquals(List.of("legs=2 first=leg x", "leg x got 1", "leg y got 1",
                "call got 1", "leg refused: busy here, rollback only true", "ra: failed Ping[key=ask-first, n=1] on a",
                "leg x got 2", "leg y got 2", "call got 2"), fixture.journal.lines());
    }

    /** Declares an abstract method the runtime cannot implement. */
    public abstract static class BrokenSbb extends BaseSbb {

        public abstract void transfer(String target);

        public void onPing(Ping ping, ActivityContextInterface aci) {
            transfer(ping.key());
        }
    }

    @Test
    void anSbbWithAnAbstractMethodThatIsNoAccessorIsRefusedAtInstall() {
        SbbDefinitionException refused = assertThrows(SbbDefinitionException.class, () -> fixture.slee.install(
                Service.builder("broken", BrokenSbb.class).initialEvent(Ping.class).build()));

        assertTrue(refused.getMessage().contains("transfer"), refused.getMessage());
    }

    /** A child relation without @ChildSbb and a CMP getter without a setter. */
    public abstract static class UndeclaredSbb extends BaseSbb {

        public abstract ChildRelation getHelpers();

        public abstract String getState();

        public void onPing(Ping ping, ActivityContextInterface aci) {
        }
    }

    @Test
    void childRelationsMustNameTheirSbbAndCmpFieldsNeedBothAccessors() {
        SbbDefinitionException refused = assertThrows(SbbDefinitionException.class, () -> fixture.slee.install(
                Service.builder("undeclared", UndeclaredSbb.class).initialEvent(Ping.class).build()));

        assertTrue(refused.getMessage().contains("getHelpers returns a ChildRelation but has no @ChildSbb"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("CMP field state needs a getter and a setter"), refused.getMessage());
    }

    @Test
    void aServiceWhoseRootCannotHandleItsInitialEventIsRefused() {
        assertThrows(SbbDefinitionException.class, () -> fixture.slee.install(
                Service.builder("deaf", CallSbb.class).initialEvent(TestEvents.Note.class).build()));
    }
}
