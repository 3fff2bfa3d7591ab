package org.parley.acd.routing.queue;

import java.util.List;
import java.util.stream.Collectors;

import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.skill.RequiredSkill;

/**
 * Why an offer went where it went: the strategy, the requirements in force after relaxation, every candidate
 * considered in ranked order with its score, and who was chosen (several under ring-all).
 */
public record RoutingDecision(RoutingStrategy strategy, List<RequiredSkill> requirements,
                              List<CandidateAssessment> candidates, List<AgentId> chosen) {

    public RoutingDecision {
        requirements = List.copyOf(requirements);
        candidates = List.copyOf(candidates);
        chosen = List.copyOf(chosen);
    }

    /** One line for logs and event payloads, e.g. {@code LONGEST_IDLE [billing≥5] a2(95.0) a1(30.0) → a2}. */
    public String summary() {
        return strategy + " " + requirements + " "
                + candidates.stream().map(c -> c.agent() + "(" + c.score() + ")").collect(Collectors.joining(" "))
                + " → " + chosen.stream().map(AgentId::value).collect(Collectors.joining(","));
    }
}
