package org.parley.acd.routing;

/**
 * The engine takes no new work while the events it would produce cannot be recorded (the event log is too far
 * behind, e.g. the database has been away): routing without a record would break the reports and restart
 * recovery, and buffering without end would exhaust the heap.
 */
public class RoutingPausedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RoutingPausedException() {
        super("the ACD takes no new work until its event log catches up (the database is unavailable or too slow)");
    }
}
