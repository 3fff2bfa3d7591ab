package org.parley.acd.routing.skill;

import java.time.Duration;
import java.util.Objects;

/**
 * After a customer has waited {@code after}, no required level above {@code levelCap} is insisted on (e.g. "after
 * 30 s accept level 3 or better").
 */
public record RelaxationStep(Duration after, int levelCap) {

    public RelaxationStep {
        Objects.requireNonNull(after, "after");
        if (after.isNegative()) {
            throw new IllegalArgumentException("a relaxation step cannot start before the customer arrived");
        }
        Skill.checkedLevel(levelCap);
    }
}
