package org.parley.acd;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.parley.access.Caller;
import org.parley.acd.routing.agent.AgentState;
import org.parley.acd.routing.interaction.Channel;
import org.parley.acd.routing.interaction.InteractionStatus;
import org.parley.acd.routing.kpi.AgentIntervalReport;
import org.parley.acd.routing.kpi.QueueIntervalReport;
import org.parley.acd.routing.offer.OfferOutcome;
import org.parley.acd.routing.queue.RoutingDecision;
import org.parley.acd.routing.skill.RequiredSkill;
import org.parley.tenant.TenantId;

/**
 * The ACD at work: agent state, customers entering and leaving queues, offers and their answers, the live view and
 * the reports. One routing engine per tenant decides; everything it does is appended to the event log, and the live
 * view and the reports are both computed from that log.
 *
 * <p>Unknown ids are {@code UnknownEntityException} (404); a step the current state does not allow is
 * {@code StateConflictException} (409) naming the state; supervisors and admins may act for any agent of their
 * tenant.
 */
public interface RoutingService {

    /** What an agent may ask for themselves (or a supervisor for them). */
    enum AgentCommand {
        LOG_IN, READY, PAUSE, LOG_OUT
    }

    /** An agent as the router sees them now. */
    record AgentStatus(AgentId agent, AgentState state, Instant since, Optional<String> pauseReason,
            boolean reachable, Optional<String> ringingOffer, List<String> openInteractions) {
    }

    /** An offer and why it went to this agent. */
    record OfferView(String id, String interaction, QueueId queue, AgentId agent, Channel channel,
            Instant offeredAt, Instant expiresAt, OfferOutcome outcome, Optional<Instant> endedAt,
            Optional<String> endReason, RoutingDecision decision) {
    }

    /** An interaction, with its place in line while it waits and every offer made for it. */
    record InteractionView(String id, Optional<QueueId> queue, Channel channel, InteractionStatus status,
            String customer, int priority, Instant enqueuedAt, Optional<Integer> position, Optional<Integer> waiting,
            Optional<Duration> estimatedWait, Optional<String> callbackFor, List<OfferView> offers) {
    }

    /** A queue right now, with today's figures from the same projection as the reports. */
    record QueueLive(QueueId queue, int waiting, Optional<Duration> longestWait, Map<AgentState, Integer> agentsByState,
            Optional<QueueIntervalReport> today) {
    }

    /**
     * What a queue carried lately, from the log, for staffing: interactions that entered it in [from, to) and the
     * handle time of those completed. {@code from} is the start of the quarter hour (in the tenant's zone) the asked
     * window reaches back into, so the rate is over a window at least as long as asked.
     */
    record QueueLoad(QueueId queue, Instant from, Instant to, int offered, int handled,
            Optional<Duration> averageHandleTime, ServiceLevel target) {
    }

    AgentStatus agentStatus(Caller caller, AgentId agent);

    /** @param pauseReason required for PAUSE: one of the tenant's reason codes */
    AgentStatus changeAgentState(Caller caller, AgentId agent, AgentCommand command, Optional<String> pauseReason);

    InteractionView enqueue(Caller caller, QueueId queue, Channel channel, String customer, int priority,
            List<RequiredSkill> requiredSkills);

    InteractionView interaction(Caller caller, String id);

    /** The customer hung up or closed the chat: an abandon while waiting, the end of the conversation after. */
    InteractionView customerLeft(Caller caller, String id);

    /** A waiting customer asks to be called back at {@code number}; the callback keeps their place. */
    InteractionView requestCallback(Caller caller, String id, String number);

    /** The conversation ended; the agent goes to wrap-up. */
    InteractionView complete(Caller caller, String id);

    Optional<OfferView> ringingOffer(Caller caller, AgentId agent);

    OfferView offer(Caller caller, String id);

    OfferView accept(Caller caller, String id);

    OfferView decline(Caller caller, String id);

    QueueLive live(Caller caller, QueueId queue);

    /** Every queue the engine knows, in one read of today's log (for wallboards and the live page). */
    List<QueueLive> liveAll(Caller caller);

    /**
     * Per-queue figures per interval, from the event log. Intervals are counted from local midnight in the tenant's
     * time zone; an interaction counts in the interval it entered the queue.
     */
    List<QueueIntervalReport> queueReport(Caller caller, Instant from, Instant to, Duration interval);

    /**
     * Per-agent figures per interval, from the event log: logged-in, handling, idle and paused time (paused by
     * reason), occupancy, utilisation, and the offers rung at the agent with what became of them. Time is split at
     * interval boundaries; the state an agent is in now counts up to now. Supervisors and admins see every agent;
     * an agent's own login or key sees that agent's rows only.
     */
    List<AgentIntervalReport> agentReport(Caller caller, Instant from, Instant to, Duration interval);

    /** The queue's load over (at least) the last {@code window}, for Erlang C with live figures. Supervisors. */
    QueueLoad recentLoad(Caller caller, QueueId queue, Duration window);

    /**
     * The phone of the agent with this extension became reachable or unreachable (registration events). Applied to
     * a running engine only: one that starts later starts with every agent reachable until told otherwise.
     */
    void phoneReachability(TenantId tenant, String extension, boolean reachable);

    /**
     * The agent's own desktop push connection opened (the first one) or closed (the last one). While an agent that
     * opened one has none open, it is offered nothing; logging in again forgets the loss. Applied to a running engine
     * only.
     */
    void desktopPresence(TenantId tenant, AgentId agent, boolean connected);

    /** The tenant's agents, queues or members changed: bring its running router in line. */
    void configurationChanged(TenantId tenant);
}
