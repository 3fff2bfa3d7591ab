package org.parley.acd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.parley.acd.PauseReasons.Choice;
import org.parley.rule.RuleViolationException;

class PauseReasonsBeanTest {

    @Test
    void codesAndLabelsAreStrippedAndABlankLabelIsTheCode() {
        assertEquals(List.of(new Choice("lunch", "Lunch break"), new Choice("training", "training")),
                PauseReasonsBean.check(List.of(new Choice(" lunch ", " Lunch break"), new Choice("training", " "))));
        assertEquals(List.of(), PauseReasonsBean.check(List.of()), "an empty list accepts any code");
    }

    @Test
    void aCodeIsListedOnceIgnoringCase() {
        RuleViolationException twice = assertThrows(RuleViolationException.class, () -> PauseReasonsBean.check(
                List.of(new Choice("Lunch", null), new Choice("lunch", null))));
        assertEquals("code", twice.field());
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
    }

    @Test
    void theEnginesOwnReasonsCannotBeListed() {
        for (String own : List.of("missed offers", "Unreachable", "restored")) {
            RuleViolationException refused = assertThrows(RuleViolationException.class,
                    () -> PauseReasonsBean.check(List.of(new Choice(own, null))));
            assertTrue(refused.getMessage().contains("engine's own"), refused.getMessage());
        }
    }

    @Test
    void badCodesLabelsAndListsAreRefused() {
        assertThrows(RuleViolationException.class, () -> PauseReasonsBean.check(List.of(new Choice(" ", "x"))));
        assertThrows(RuleViolationException.class, () -> PauseReasonsBean.check(List.of(new Choice("a\u0007b", ""))));
        assertThrows(RuleViolationException.class,
                () -> PauseReasonsBean.check(List.of(new Choice("x".repeat(65), ""))));
        RuleViolationException label = assertThrows(RuleViolationException.class,
                () -> PauseReasonsBean.check(List.of(new Choice("lunch", "y".repeat(201)))));
        assertEquals("label", label.field());
        List<Choice> many = new ArrayList<>();
        for (int i = 0; i <= PauseReasonsBean.MAX_REASONS; i++) {
            many.add(new Choice("reason " + i, null));
        }
        assertThrows(RuleViolationException.class, () -> PauseReasonsBean.check(many));
        assertThrows(RuleViolationException.class, () -> PauseReasonsBean.check(null));
        assertThrows(RuleViolationException.class,
                () -> PauseReasonsBean.check(Collections.singletonList(null)));
    }
}
