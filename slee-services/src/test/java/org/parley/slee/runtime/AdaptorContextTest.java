package org.parley.slee.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import javax.slee.ActivityContextInterface;

import org.junit.jupiter.api.Test;
import org.parley.slee.ra.UnknownActivityException;
import org.parley.slee.runtime.TestEvents.Boom;
import org.parley.slee.runtime.TestEvents.Ping;

/** What the runtime does for an adaptor's SBB interface: activity contexts to attach to, undo on rollback. */
class AdaptorContextTest {

    /** Asks the probe adaptor to note an undo for every event; a Boom then fails the handler. */
    public abstract static class UndoSbb extends BaseSbb {

        public void onPing(Ping ping, ActivityContextInterface aci) {
            adaptor().whenRolledBack(() -> journal().add("undo after ping " + ping.n()));
            journal().add("ping " + ping.n());
        }

        public void onBoom(Boom boom, ActivityContextInterface aci) {
            adaptor().whenRolledBack(() -> journal().add("undo after boom"));
            adaptor().whenRolledBack(() -> {
                throw new IllegalStateException("a failing undo is logged, not thrown");
            });
            throw new IllegalStateException("handler failure on purpose");
        }

        private ProbeAdaptor adaptor() {
            return context().environment("adaptor", ProbeAdaptor.class);
        }

        private Journal journal() {
            return context().resourceAdaptor(ProbeAdaptor.NAME, Journal.class);
        }
    }

    private final SleeFixture fixture = new SleeFixture();

    @Test
    void undoRunsOnlyWhenTheHandlersTransactionRollsBack() {
        fixture.slee.bindEnvironment("adaptor", fixture.probe);
        fixture.slee.install(Service.builder("undo", UndoSbb.class)
                .initialEvent(Ping.class, ConvergenceVariable.ACTIVITY_CONTEXT)
                .initialEvent(Boom.class, ConvergenceVariable.ACTIVITY_CONTEXT).build());
        fixture.probe.startActivity("a");
        fixture.probe.fire("a", new Ping("k", 1));
        fixture.probe.fire("a", new Boom("k"));
        fixture.settle();
        fixture.probe.whenRolledBack(() -> fixture.journal.add("undo outside a transaction"));

        assertEquals(List.of("ping 1", "undo after boom"),
                fixture.journal.lines().stream().filter(line -> !line.startsWith("ra: ")).toList());
    }

    @Test
    void anAdaptorGetsTheActivityContextOfItsOwnLiveActivitiesOnly() {
        ProbeAdaptor other = new ProbeAdaptor(new Journal());
        fixture.slee.addResourceAdaptor("other", other);
        fixture.probe.startActivity("a");

        assertEquals(new ProbeAdaptor.ProbeActivity("a"), fixture.probe.activityContextInterface("a").getActivity());
        assertThrows(UnknownActivityException.class, () -> other.activityContextInterface("a"));

        fixture.probe.end("a");
        fixture.settle();
        assertThrows(UnknownActivityException.class, () -> fixture.probe.activityContextInterface("a"));
    }
}
