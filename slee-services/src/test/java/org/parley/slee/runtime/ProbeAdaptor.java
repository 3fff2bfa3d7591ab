package org.parley.slee.runtime;

import javax.slee.ActivityContextInterface;
import javax.slee.Address;
import javax.slee.AddressPlan;

import org.parley.slee.ra.ActivityHandle;
import org.parley.slee.ra.ResourceAdaptor;
import org.parley.slee.ra.ResourceAdaptorContext;

/**
 * A resource adaptor for tests: activities are named by strings, events are whatever the test fires, and the SBB
 * interface is the test's {@link Journal}. It records the runtime's callbacks in the same journal.
 */
final class ProbeAdaptor implements ResourceAdaptor {

    static final String NAME = "probe";

    private final Journal journal;
    private ResourceAdaptorContext context;

    ProbeAdaptor(Journal journal) {
        this.journal = journal;
    }

    record Probe(String name) implements ActivityHandle {
    }

    /** The activity object SBBs see; tests name activities by string. */
    record ProbeActivity(String name) {
    }

    static Address address(String uri) {
        return new Address(AddressPlan.SIP, uri);
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
        return journal;
    }

    void startActivity(String name) {
        context.endpoint().startActivity(new Probe(name), new ProbeActivity(name));
    }

    void fire(String activity, Object event) {
        fire(activity, event, null);
    }

    void fire(String activity, Object event, Address address) {
        context.endpoint().fireEvent(new Probe(activity), event, address);
    }

    void end(String activity) {
        context.endpoint().endActivity(new Probe(activity));
    }

    ActivityContextInterface activityContextInterface(String activity) {
        return context.activityContextInterface(new Probe(activity));
    }

    void whenRolledBack(Runnable action) {
        context.whenRolledBack(action);
    }

    @Override
    public void activityEnded(ActivityHandle handle) {
        journal.add("ra: ended " + ((Probe) handle).name());
    }

    @Override
    public void eventProcessingFailed(ActivityHandle handle, Object event) {
        journal.add("ra: failed " + event + " on " + ((Probe) handle).name());
    }
}
