package org.parley.slee.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import javax.slee.ActivityContextInterface;
import javax.slee.RolledBackContext;

import org.junit.jupiter.api.Test;
import org.parley.slee.runtime.TestEvents.Boom;
import org.parley.slee.runtime.TestEvents.Ping;

class RollbackTest {

    /** Adds pings to a CMP balance; a Boom adds a lot, then throws or asks for rollback. */
    public abstract static class LedgerSbb extends BaseSbb {

        public abstract int getBalance();

        public abstract void setBalance(int balance);

        public abstract String getNote();

        public abstract void setNote(String note);

        @Override
        public void sbbCreate() {
            journal().add("created");
        }

        public void onPing(Ping ping, ActivityContextInterface aci) {
            setBalance(getBalance() + ping.n());
            journal().add("balance=" + getBalance() + " note=" + getNote());
        }

        public void onBoom(Boom boom, ActivityContextInterface aci) {
            setBalance(getBalance() + 1000);
            setNote("spent");
            if (boom.key().equals("throw")) {
                throw new IllegalStateException("card declined");
            }
            context().setRollbackOnly();
        }

        @Override
        public void sbbExceptionThrown(Exception exception, Object event, ActivityContextInterface aci) {
            journal().add("exceptionThrown " + exception.getMessage() + " on " + event + " balance=" + getBalance());
        }

        @Override
        public void sbbRolledBack(RolledBackContext context) {
            journal().add("rolledBack " + context.getEvent() + " balance=" + getBalance() + " note=" + getNote());
            setNote("recovered");
        }

        Journal journal() {
            return context().resourceAdaptor(ProbeAdaptor.NAME, Journal.class);
        }
    }

    private final SleeFixture fixture = new SleeFixture();

    @Test
    void aHandlerThatThrowsHasItsCmpWritesUndoneAndIsToldTwice() {
        fixture.slee.install(Service.builder("ledger", LedgerSbb.class)
                .initialEvent(Ping.class, ConvergenceVariable.ACTIVITY_CONTEXT).build());
        fixture.probe.startActivity("a");
        fixture.probe.fire("a", new Ping("k", 5));
        fixture.probe.fire("a", new Boom("throw"));
        fixture.probe.fire("a", new Ping("k", 1));

        fixture.settle();

        assertEquals(List.of("created", "balance=5 note=null",
                "exceptionThrown card declined on Boom[key=throw] balance=1005",
                "rolledBack Boom[key=throw] balance=5 note=null",
                "ra: failed Boom[key=throw] on a",
                "balance=6 note=recovered"), fixture.journal.lines());
    }

    @Test
    void setRollbackOnlyRollsBackWithoutAnException() {
        fixture.slee.install(Service.builder("ledger", LedgerSbb.class)
                .initialEvent(Ping.class, ConvergenceVariable.ACTIVITY_CONTEXT).build());
        fixture.probe.startActivity("a");
        fixture.probe.fire("a", new Ping("k", 5));
        fixture.probe.fire("a", new Boom("quiet"));
        fixture.probe.fire("a", new Ping("k", 1));

        fixture.settle();

        assertEquals(List.of("created", "balance=5 note=null",
                "rolledBack Boom[key=quiet] balance=5 note=null",
                "ra: failed Boom[key=quiet] on a",
                "balance=6 note=recovered"), fixture.journal.lines());
    }

    @Test
    void aRootWhoseFirstHandlerThrowsIsNotCreated() {
        fixture.slee.install(Service.builder("ledger", LedgerSbb.class)
                .initialEvent(Boom.class, ConvergenceVariable.ACTIVITY_CONTEXT)
                .initialEvent(Ping.class, ConvergenceVariable.ACTIVITY_CONTEXT).build());
        fixture.probe.startActivity("a");
        fixture.probe.fire("a", new Boom("throw"));
        fixture.settle();

        assertEquals(0, fixture.slee.rootEntityCount("ledger"));

        fixture.probe.fire("a", new Ping("k", 2));
        fixture.settle();

        // No sbbRolledBack for the first root: the rollback undid its creation, so there is no entity to tell.
        assertEquals(List.of("created",
                "exceptionThrown card declined on Boom[key=throw] balance=1000",
                "ra: failed Boom[key=throw] on a",
                "created", "balance=2 note=null"), fixture.journal.lines());
        assertEquals(1, fixture.slee.rootEntityCount("ledger"));
    }
}
