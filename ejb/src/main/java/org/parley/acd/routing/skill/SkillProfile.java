package org.parley.acd.routing.skill;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/** The skills an agent has and how good they are at each (1–10). Immutable. */
public final class SkillProfile {

    private static final SkillProfile NONE = new SkillProfile(Map.of());

    private final Map<Skill, Integer> levels;

    private SkillProfile(Map<Skill, Integer> levels) {
        this.levels = Collections.unmodifiableMap(new LinkedHashMap<>(levels));
    }

    public static SkillProfile none() {
        return NONE;
    }

    public static SkillProfile of(Map<Skill, Integer> levels) {
        levels.values().forEach(Skill::checkedLevel);
        return new SkillProfile(levels);
    }

    /** A profile plus one more skill; convenient when building agents. */
    public SkillProfile with(String skill, int level) {
        Map<Skill, Integer> more = new LinkedHashMap<>(levels);
        more.put(Skill.named(skill), Skill.checkedLevel(level));
        return new SkillProfile(more);
    }

    public OptionalInt levelOf(Skill skill) {
        Integer level = levels.get(skill);
        return level == null ? OptionalInt.empty() : OptionalInt.of(level);
    }

    public boolean satisfies(Collection<RequiredSkill> required) {
        return required.stream().allMatch(this::satisfies);
    }

    public boolean satisfies(RequiredSkill required) {
        return levelOf(required.skill()).orElse(0) >= required.minimumLevel();
    }

    public Map<Skill, Integer> levels() {
        return levels;
    }

    @Override
    public String toString() {
        return levels.toString();
    }
}
