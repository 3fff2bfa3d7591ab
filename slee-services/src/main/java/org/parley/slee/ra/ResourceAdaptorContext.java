package org.parley.slee.ra;

import java.time.Clock;

import javax.slee.ActivityContextInterface;

import org.parley.time.Scheduler;

/**
 * What the runtime gives an adaptor when it starts: its name, the endpoint, the runtime's time sources, and the two
 * things an adaptor's SBB interface needs from the runtime on an SBB's behalf.
 */
public interface ResourceAdaptorContext {

    String entityName();

    SleeEndpoint endpoint();

    Clock clock();

    Scheduler scheduler();

    /**
     * The activity context of one of this adaptor's live activities, for its SBB interface to hand to an SBB that
     * wants to attach (what a JSLEE resource adaptor type's activity-context-interface factory does).
     *
     * @throws UnknownActivityException if the handle names no live activity of this adaptor
     */
    ActivityContextInterface activityContextInterface(ActivityHandle handle);

    /**
     * Runs {@code action} after the SBB transaction running on this thread rolls back, and never if it commits or
     * if no transaction runs here. Lets the SBB interface undo what a handler created that is not transactional
     * (an open media endpoint) when the handler's own record of it is rolled back. A failing action is logged.
     */
    void whenRolledBack(Runnable action);
}
