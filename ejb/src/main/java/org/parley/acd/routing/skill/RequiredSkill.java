package org.parley.acd.routing.skill;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

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

    /** The event-payload form: {@code skill:level} pairs, comma separated ({@code ""} for none). */
    public static String encode(List<RequiredSkill> skills) {
        return skills.stream().map(r -> r.skill().name() + ":" + r.minimumLevel()).collect(Collectors.joining(","));
    }

    /** @throws IllegalArgumentException naming the bad pair */
    public static List<RequiredSkill> decode(String encoded) {
        if (encoded.isBlank()) {
            return List.of();
        }
        List<RequiredSkill> skills = new ArrayList<>();
        for (String pair : encoded.split(",")) {
            int colon = pair.lastIndexOf(':');
            try {
                skills.add(of(pair.substring(0, colon), Integer.parseInt(pair.substring(colon + 1))));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a skill:level pair: " + pair, e);
            }
        }
        return List.copyOf(skills);
    }

    @Override
    public String toString() {
        return skill + "≥" + minimumLevel;
    }
}
