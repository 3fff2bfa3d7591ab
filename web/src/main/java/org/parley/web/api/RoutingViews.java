package org.parley.web.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.parley.acd.RoutingService.AgentStatus;
import org.parley.acd.RoutingService.InteractionView;
import org.parley.acd.RoutingService.OfferView;
import org.parley.acd.RoutingService.QueueLive;
import org.parley.acd.routing.agent.AgentState;
import org.parley.acd.routing.kpi.AgentIntervalReport;
import org.parley.acd.routing.kpi.QueueIntervalReport;
import org.parley.acd.routing.queue.CandidateAssessment;
import org.parley.acd.routing.queue.RoutingDecision;

/** The ACD's answers on the wire: ids as the API knows them, durations in seconds, absent values as null. */
public final class RoutingViews {

    private RoutingViews() {
    }

    public record AgentStateView(long agent, AgentState state, Instant since, String pauseReason, boolean reachable,
            String ringingOffer, List<String> openInteractions) {

        static AgentStateView of(AgentStatus s) {
            return new AgentStateView(s.agent().value(), s.state(), s.since(), s.pauseReason().orElse(null),
                    s.reachable(), s.ringingOffer().orElse(null), s.openInteractions());
        }
    }

    public record CandidateView(long agent, double score, double idleSeconds, int handledToday,
            Map<String, Integer> skillsMatched) {

        static CandidateView of(CandidateAssessment c) {
            Map<String, Integer> skills = new java.util.TreeMap<>();
            c.skillsMatched().forEach((skill, level) -> skills.put(skill.name(), level));
            return new CandidateView(Long.parseLong(c.agent().value()), c.score(), seconds(c.idle()), c.handledToday(),
                    skills);
        }
    }

    /** Why the offer went where it went: strategy, requirements in force, ranked candidates, who was chosen. */
    public record DecisionView(String strategy, List<String> requirements, List<CandidateView> candidates,
            List<Long> chosen, String summary) {

        static DecisionView of(RoutingDecision d) {
            return new DecisionView(d.strategy().name(), d.requirements().stream().map(Object::toString).toList(),
                    d.candidates().stream().map(CandidateView::of).toList(),
                    d.chosen().stream().map(a -> Long.parseLong(a.value())).toList(), d.summary());
        }
    }

    public record OfferDto(String id, String interaction, long queue, long agent, String channel, Instant offeredAt,
            Instant expiresAt, String outcome, Instant endedAt, String endReason, DecisionView decision) {

        static OfferDto of(OfferView o) {
            return new OfferDto(o.id(), o.interaction(), o.queue().value(), o.agent().value(), o.channel().name(),
                    o.offeredAt(), o.expiresAt(), o.outcome().name(), o.endedAt().orElse(null),
                    o.endReason().orElse(null), DecisionView.of(o.decision()));
        }
    }

    public record InteractionDto(String id, Long queue, String channel, String status, String customer, int priority,
            Instant enqueuedAt, Integer position, Integer waiting, Double estimatedWaitSeconds, String callbackFor,
            List<OfferDto> offers) {

        static InteractionDto of(InteractionView i) {
            return new InteractionDto(i.id(), i.queue().map(q -> q.value()).orElse(null), i.channel().name(),
                    i.status().name(), i.customer(), i.priority(), i.enqueuedAt(), i.position().orElse(null),
                    i.waiting().orElse(null), i.estimatedWait().map(RoutingViews::seconds).orElse(null),
                    i.callbackFor().orElse(null), i.offers().stream().map(OfferDto::of).toList());
        }
    }

    /** One queue, one interval; rates are fractions (0.8 = 80 %), null where nothing counts yet. */
    public record QueueReportRow(long queue, Instant intervalStart, int offered, int answered, int abandoned,
            int shortAbandons, int overflowed, int answeredWithinThreshold, int abandonedAfterThreshold, int handled,
            Double serviceLevel, Double averageSpeedOfAnswerSeconds, Double averageHandleTimeSeconds,
            Double abandonRate) {

        static QueueReportRow of(QueueIntervalReport r) {
            return new QueueReportRow(Long.parseLong(r.queue().value()), r.intervalStart(), r.offered(), r.answered(),
                    r.abandoned(), r.shortAbandons(), r.overflowed(), r.answeredWithinThreshold(),
                    r.abandonedAfterThreshold(), r.handled(), r.serviceLevel().orElse(null),
                    r.averageSpeedOfAnswer().map(RoutingViews::seconds).orElse(null),
                    r.averageHandleTime().map(RoutingViews::seconds).orElse(null), r.abandonRate().orElse(null));
        }
    }

    /** One agent in one interval: times in seconds, rates as fractions (null where nothing counts yet). */
    public record AgentReportRow(long agent, Instant intervalStart, double loggedInSeconds, double handlingSeconds,
            double idleSeconds, double pausedSeconds, Map<String, Double> pausedSecondsByReason, Double occupancy,
            Double utilisation, int offered, int accepted, int declined, int missed) {

        static AgentReportRow of(AgentIntervalReport r) {
            Map<String, Double> byReason = new TreeMap<>();
            r.pausedByReason().forEach((reason, time) -> byReason.put(reason, seconds(time)));
            return new AgentReportRow(Long.parseLong(r.agent().value()), r.intervalStart(), seconds(r.loggedIn()),
                    seconds(r.handling()), seconds(r.idle()), seconds(r.paused()), byReason,
                    r.occupancy().orElse(null), r.utilisation().orElse(null), r.offered(), r.accepted(),
                    r.declined(), r.missed());
        }
    }

    public record QueueLiveDto(long queue, int waiting, Double longestWaitSeconds, Map<AgentState, Integer> agents,
            QueueReportRow today) {

        static QueueLiveDto of(QueueLive l) {
            return new QueueLiveDto(l.queue().value(), l.waiting(), l.longestWait().map(RoutingViews::seconds)
                    .orElse(null), l.agentsByState(), l.today().map(QueueReportRow::of).orElse(null));
        }
    }

    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
