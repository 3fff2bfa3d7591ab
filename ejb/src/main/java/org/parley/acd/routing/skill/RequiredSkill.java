package org.parley.acd.routing.skill;

import java.util.Objects;

/** A skill an interaction needs, with the lowest level of it that is good enough. */
public record RequiredSkill(Skill skill, int minimumLevel) {

    public RequiredSkill {
        Objects.requireNonNull(skill, "skill");
        Skill.checkedLevel(minimumLevel);
    }

    public static RequiredSkill of(String skill, int minimumLevel) {
        return new RequiredSkill(Skill.named(skill), minimumLevel);
    }

    /** The same requirement, asking for no more than {@code cap}. */
    RequiredSkill cappedAt(int cap) {
        return minimumLevel <= cap ? this : new RequiredSkill(skill, cap);
    }

    @Override
    public String toString() {
        return skill + "≥" + minimumLevel;
    }
}
