package org.parley.acd.routing.skill;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * A queue's plan for lowering skill requirements as the wait grows: a perfect match after two minutes serves the
 * customer worse than a good match now. Steps apply cumulatively; the latest step reached wins.
 */
public final class SkillRelaxation {

    private static final SkillRelaxation NONE = new SkillRelaxation(List.of());

    private final List<RelaxationStep> steps;

    private SkillRelaxation(List<RelaxationStep> steps) {
        this.steps = steps.stream().sorted(Comparator.comparing(RelaxationStep::after)).toList();
    }

    public static SkillRelaxation none() {
        return NONE;
    }

    public static SkillRelaxation of(RelaxationStep... steps) {
        return new SkillRelaxation(List.of(steps));
    }

    /** The requirements in force after a customer has waited {@code waited}. */
    public List<RequiredSkill> effective(List<RequiredSkill> required, Duration waited) {
        int cap = Skill.HIGHEST_LEVEL;
        for (RelaxationStep step : steps) {
            if (waited.compareTo(step.after()) >= 0) {
                cap = step.levelCap();
            }
        }
        if (cap == Skill.HIGHEST_LEVEL) {
            return required;
        }
        int levelCap = cap;
        return required.stream().map(r -> r.cappedAt(levelCap)).toList();
    }

    public List<RelaxationStep> steps() {
        return steps;
    }
}
