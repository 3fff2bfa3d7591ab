package org.parley.web.portal.live;

import java.util.Map;

import org.parley.acd.RoutingService.QueueLive;
import org.parley.acd.routing.agent.AgentState;
import org.parley.web.portal.reports.QueueFigures;

/** One queue on the live page: what is happening now, and today's figures so far (the same as the report's). */
public record LiveQueueRow(long id, String name, String waiting, String longestWait, String available,
        String reserved, String busy, String wrapUp, String paused, String loggedOut, QueueFigures today) {

    static LiveQueueRow of(long id, String name, QueueLive live) {
        Map<AgentState, Integer> agents = live.agentsByState();
        return new LiveQueueRow(id, name, Integer.toString(live.waiting()),
                QueueFigures.duration(live.longestWait()), count(agents, AgentState.AVAILABLE),
                count(agents, AgentState.RESERVED), count(agents, AgentState.BUSY), count(agents, AgentState.WRAP_UP),
                count(agents, AgentState.PAUSED), count(agents, AgentState.LOGGED_OUT),
                live.today().map(QueueFigures::of).orElse(QueueFigures.QUIET));
    }

    /** A queue the ACD does not know yet (created a moment ago): listed, with nothing to show until it does. */
    static LiveQueueRow unknown(long id, String name) {
        String none = QueueFigures.NONE;
        return new LiveQueueRow(id, name, none, none, none, none, none, none, none, none, QueueFigures.UNKNOWN);
    }

    private static String count(Map<AgentState, Integer> agents, AgentState state) {
        return Integer.toString(agents.getOrDefault(state, 0));
    }
}
