package org.parley.acd.routing.skill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class SkillRelaxationTest {

    private final List<RequiredSkill> needs = List.of(RequiredSkill.of("billing", 8), RequiredSkill.of("german", 2));
    private final SkillRelaxation plan = SkillRelaxation.of(
            new RelaxationStep(Duration.ofSeconds(60), 1),
            new RelaxationStep(Duration.ofSeconds(30), 5));

    @Test
    void theLatestStepReachedCapsEveryRequiredLevel() {
        assertEquals(needs, plan.effective(needs, Duration.ofSeconds(29)));
        assertEquals(List.of(RequiredSkill.of("billing", 5), RequiredSkill.of("german", 2)),
                plan.effective(needs, Duration.ofSeconds(30)));
        assertEquals(List.of(RequiredSkill.of("billing", 1), RequiredSkill.of("german", 1)),
                plan.effective(needs, Duration.ofMinutes(5)));
        assertEquals(needs, SkillRelaxation.none().effective(needs, Duration.ofHours(1)));
    }

    @Test
    void profilesSatisfyRequirementsByLevel() {
        SkillProfile agent = SkillProfile.none().with("Billing", 6).with("german", 2);
        assertFalse(agent.satisfies(needs));
        assertTrue(agent.satisfies(plan.effective(needs, Duration.ofSeconds(30))), "names ignore case");
    }

    @Test
    void levelsOutsideOneToTenAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RequiredSkill.of("billing", 0));
        assertThrows(IllegalArgumentException.class, () -> SkillProfile.none().with("billing", 11));
        assertThrows(IllegalArgumentException.class, () -> Skill.named(" "));
    }
}
