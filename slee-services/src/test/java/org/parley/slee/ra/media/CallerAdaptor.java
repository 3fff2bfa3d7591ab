package org.parley.slee.ra.media;

import java.nio.file.Path;

import org.parley.slee.ra.ActivityHandle;
import org.parley.slee.ra.ResourceAdaptor;
import org.parley.slee.ra.ResourceAdaptorContext;

/**
 * Stands in for the SIP adaptor in these tests: each {@link #dial} starts a call-leg activity and fires a
 * {@link Dial} on it, which starts the test SBB. Its SBB interface is the test's {@link Switchboard}.
 */
final class CallerAdaptor implements ResourceAdaptor {

    static final String NAME = "caller";

    /** What the SBB does with the leg besides answering it. */
    enum Plan { NOTHING, COLLECT, RECORD, BRIDGE, FAIL_AFTER_CREATING }

    /** A peer's INVITE, reduced to what the test SBB needs. */
    record Dial(String leg, String offer, Plan plan, Path recording) {
    }

    /** Handle and activity object of a call leg. */
    record Leg(String name) implements ActivityHandle {
    }

    private final Switchboard switchboard;
    private volatile ResourceAdaptorContext context;

    CallerAdaptor(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    @Override
    public void start(ResourceAdaptorContext context) {
        this.context = context;
    }

    @Override
    public void stop() {
        context = null;
    }

    @Override
    public Object sbbInterface() {
        return switchboard;
    }

    void dial(String leg, String offer, Plan plan, Path recording) {
        Leg handle = new Leg(leg);
        context.endpoint().startActivity(handle, handle);
        context.endpoint().fireEvent(handle, new Dial(leg, offer, plan, recording), null);
    }
}
