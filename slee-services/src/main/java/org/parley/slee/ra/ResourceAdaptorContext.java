package org.parley.slee.ra;

import java.time.Clock;

import org.parley.time.Scheduler;

/** What the runtime gives an adaptor when it starts: its name, the endpoint, and the runtime's time sources. */
public interface ResourceAdaptorContext {

    String entityName();

    SleeEndpoint endpoint();

    Clock clock();

    Scheduler scheduler();
}
