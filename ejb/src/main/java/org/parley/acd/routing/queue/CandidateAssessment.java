package org.parley.acd.routing.queue;

import java.time.Duration;
import java.util.Map;

import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.skill.Skill;

/**
 * How one eligible agent looked when an offer was decided: the strategy's score (its meaning depends on the
 * strategy, see {@link RoutingStrategy}), idle time, interactions handled today and their levels in the skills the
 * interaction required.
 */
public record CandidateAssessment(AgentId agent, double score, Duration idle, int handledToday,
                                  Map<Skill, Integer> skillsMatched) {

    public CandidateAssessment {
        skillsMatched = Map.copyOf(skillsMatched);
    }
}
