package org.parley.acd;

import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.parley.rule.RuleViolationException;

/**
 * One step of a queue's skill relaxation: once a customer has waited {@code afterSeconds}, no required skill level
 * above {@code levelCap} is insisted on (e.g. after 30 s accept level 3 or better).
 */
@Embeddable
public class RelaxationRule {

    @Column(name = "after_seconds", nullable = false)
    private int afterSeconds;

    @Column(name = "level_cap", nullable = false)
    private int levelCap;

    protected RelaxationRule() {
    }

    public RelaxationRule(int afterSeconds, int levelCap) {
        if (afterSeconds < 0 || afterSeconds > 86_400) {
            throw new RuleViolationException("relaxation", "a relaxation step starts 0 to 86400 seconds into the wait,"
                    + " not " + afterSeconds);
        }
        if (levelCap < Skill.MIN_LEVEL || levelCap > Skill.MAX_LEVEL) {
            throw new RuleViolationException("relaxation", "a relaxation step caps levels at " + Skill.MIN_LEVEL
                    + " to " + Skill.MAX_LEVEL + ", not " + levelCap);
        }
        this.afterSeconds = afterSeconds;
        this.levelCap = levelCap;
    }

    public int afterSeconds() {
        return afterSeconds;
    }

    public int levelCap() {
        return levelCap;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelaxationRule r && r.afterSeconds == afterSeconds && r.levelCap == levelCap;
    }

    @Override
    public int hashCode() {
        return Objects.hash(afterSeconds, levelCap);
    }

    @Override
    public String toString() {
        return "after " + afterSeconds + "s level<=" + levelCap;
    }
}
