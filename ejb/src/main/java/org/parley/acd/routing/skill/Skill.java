package org.parley.acd.routing.skill;

import java.util.Locale;
import java.util.Objects;

/** A named ability such as "billing" or "spanish"; names compare case-insensitively because admins type them. */
public record Skill(String name) {

    public static final int LOWEST_LEVEL = 1;
    public static final int HIGHEST_LEVEL = 10;

    public Skill {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a skill needs a name");
        }
        name = name.strip().toLowerCase(Locale.ROOT);
    }

    public static Skill named(String name) {
        return new Skill(name);
    }

    static int checkedLevel(int level) {
        if (level < LOWEST_LEVEL || level > HIGHEST_LEVEL) {
            throw new IllegalArgumentException(
                    "skill level " + level + " is outside " + LOWEST_LEVEL + "–" + HIGHEST_LEVEL);
        }
        return level;
    }

    @Override
    public String toString() {
        return name;
    }
}
