package org.parley.acd;

import java.util.Objects;
import java.util.regex.Pattern;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.parley.rule.RuleViolationException;

/** Something an agent is good at (a language, a product), with a level from 1 (novice) to 10 (expert). */
@Embeddable
public class Skill {

    public static final int MIN_LEVEL = 1;
    public static final int MAX_LEVEL = 10;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    @Column(name = "skill", nullable = false, length = 64)
    private String name;

    @Column(name = "skill_level", nullable = false)
    private int level;

    protected Skill() {
    }

    public Skill(String name, int level) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new RuleViolationException("skills", "skill name '" + name
                    + "' must be 1-64 lower-case letters, digits, '.', '_' or '-'");
        }
        if (level < MIN_LEVEL || level > MAX_LEVEL) {
            throw new RuleViolationException("skills", "skill '" + name + "' has level " + level
                    + "; levels run from " + MIN_LEVEL + " to " + MAX_LEVEL);
        }
        this.name = name;
        this.level = level;
    }

    public String name() {
        return name;
    }

    public int level() {
        return level;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Skill s && s.name.equals(name) && s.level == level;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, level);
    }

    @Override
    public String toString() {
        return name + ":" + level;
    }
}
