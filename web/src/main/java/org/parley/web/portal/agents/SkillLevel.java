package org.parley.web.portal.agents;

import java.io.Serializable;

import org.parley.acd.Skill;

/** One {@code name:level} entry of the skills field as the admin typed it; the domain's {@link Skill} judges it. */
public record SkillLevel(String name, int level) implements Serializable {

    static SkillLevel of(Skill skill) {
        return new SkillLevel(skill.name(), skill.level());
    }

    Skill toSkill() {
        return new Skill(name, level);
    }

    @Override
    public String toString() {
        return name + ":" + level;
    }
}
