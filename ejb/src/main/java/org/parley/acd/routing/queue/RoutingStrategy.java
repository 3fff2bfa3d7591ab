package org.parley.acd.routing.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.agent.AgentSession;
import org.parley.acd.routing.skill.RequiredSkill;
import org.parley.acd.routing.skill.Skill;

/**
 * How a queue picks among the agents who could take an interaction. Every strategy breaks ties by idle time and
 * then by agent id, so a decision never depends on hash order and can be replayed.
 */
public enum RoutingStrategy {
    /** Score: seconds idle; the longest-idle agent first, which spreads work evenly. */
    LONGEST_IDLE,
    /** Score: steps after the agent chosen last in this queue, in agent-id order; the next one round first. */
    ROUND_ROBIN,
    /** Score: interactions answered today; the least-loaded agent first. */
    FEWEST_INTERACTIONS_TODAY,
    /** Score: seconds idle; every eligible agent rings at once and the first to accept wins. */
    RING_ALL,
    /** Score: the sum of the agent's levels in the required skills; the best match first. */
    SKILLS_WEIGHTED;

    // Behaviour is dispatched by switch rather than constant-specific bodies: a constant with a body is an
    // anonymous subclass, which JSON-B and Faces' enum converter (both of which carry this enum to the admin's
    // forms and the REST API) do not treat as the enum type.

    private static final Comparator<CandidateAssessment> BY_IDLE =
            Comparator.comparing(CandidateAssessment::idle).reversed().thenComparing(CandidateAssessment::agent);

    Comparator<CandidateAssessment> order() {
        return switch (this) {
            case LONGEST_IDLE, RING_ALL -> BY_IDLE;
            case ROUND_ROBIN -> Comparator.comparingDouble(CandidateAssessment::score)
                    .thenComparing(CandidateAssessment::agent);
            case FEWEST_INTERACTIONS_TODAY -> Comparator.comparingDouble(CandidateAssessment::score)
                    .thenComparing(BY_IDLE);
            case SKILLS_WEIGHTED -> Comparator.comparingDouble(CandidateAssessment::score).reversed()
                    .thenComparing(BY_IDLE);
        };
    }

    /** What a strategy may score by, besides the agent. */
    record Scoring(Instant now, Map<Skill, Integer> matched, int stepsAfterLastChosen) {
    }

    double score(AgentSession agent, Scoring context) {
        return switch (this) {
            case LONGEST_IDLE, RING_ALL -> idleSeconds(agent, context.now());
            case ROUND_ROBIN -> context.stepsAfterLastChosen();
            case FEWEST_INTERACTIONS_TODAY -> agent.handledToday(context.now());
            case SKILLS_WEIGHTED -> context.matched().values().stream().mapToInt(Integer::intValue).sum();
        };
    }

    /** Whether an interaction rings at every ranked candidate rather than only the first. */
    public boolean offersToAll() {
        return this == RING_ALL;
    }

    /**
     * Ranks the eligible agents and chooses.
     *
     * @param lastChosen the agent this queue chose last, which round-robin continues after
     */
    public RoutingDecision decide(List<AgentSession> eligible, List<RequiredSkill> requirements, Instant now,
                                  Optional<AgentId> lastChosen) {
        List<CandidateAssessment> ranked = new ArrayList<>();
        List<AgentSession> byId = eligible.stream().sorted(Comparator.comparing(AgentSession::id)).toList();
        for (int i = 0; i < byId.size(); i++) {
            AgentSession agent = byId.get(i);
            Map<Skill, Integer> matched = new LinkedHashMap<>();
            for (RequiredSkill r : requirements) {
                agent.skills().levelOf(r.skill()).ifPresent(level -> matched.put(r.skill(), level));
            }
            double score = score(agent, new Scoring(now, matched, stepsAfter(agent.id(), lastChosen, i, byId)));
            ranked.add(new CandidateAssessment(agent.id(), score, agent.idleFor(now), agent.handledToday(now),
                    matched));
        }
        ranked.sort(order());
        List<AgentId> chosen = ranked.isEmpty() ? List.of()
                : offersToAll() ? ranked.stream().map(CandidateAssessment::agent).toList()
                : List.of(ranked.get(0).agent());
        return new RoutingDecision(this, requirements, ranked, chosen);
    }

    private static double idleSeconds(AgentSession agent, Instant now) {
        return agent.idleFor(now).toMillis() / 1000.0;
    }

    private static int stepsAfter(AgentId agent, Optional<AgentId> last, int index, List<AgentSession> byId) {
        if (last.isEmpty()) {
            return index;
        }
        int n = byId.size();
        // agents with ids after the last one chosen come first, then the ring wraps around
        return agent.compareTo(last.get()) > 0 ? index : index + n;
    }
}
