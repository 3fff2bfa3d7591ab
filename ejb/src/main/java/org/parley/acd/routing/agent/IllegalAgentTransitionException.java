package org.parley.acd.routing.agent;

/** The agent's state does not allow the event, e.g. "ready" while busy. The API maps it to 409 naming the state. */
public final class IllegalAgentTransitionException extends IllegalStateException {

    private final AgentState state;
    private final AgentEvent event;
    private final Workload workload;

    public IllegalAgentTransitionException(AgentState state, AgentEvent event, Workload workload) {
        super("cannot " + event + " while " + state + " (workload " + workload + ")");
        this.state = state;
        this.event = event;
        this.workload = workload;
    }

    /** The same refusal, naming the agent it concerns. */
    public IllegalAgentTransitionException(AgentState state, AgentEvent event, Workload workload, AgentId agent) {
        super("agent " + agent + " cannot " + event + " while " + state + " (workload " + workload + ")");
        this.state = state;
        this.event = event;
        this.workload = workload;
    }

    public AgentState state() {
        return state;
    }

    public AgentEvent event() {
        return event;
    }

    public Workload workload() {
        return workload;
    }
}
