package org.parley.web.portal.pauses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.parley.acd.PauseReasons.Choice;

class PauseReasonsPageTest {

    @Test
    void eachNonBlankLineIsACodeWithAnOptionalLabelAfterTheFirstColon() {
        assertEquals(List.of(new Choice("lunch", "Lunch: the long one"), new Choice("training", null),
                new Choice("", "no code")),
                PauseReasonsPage.parse(" lunch : Lunch: the long one\r\n\n   \ntraining\n: no code\n"));
        assertEquals(List.of(), PauseReasonsPage.parse(null));
        assertEquals(List.of(), PauseReasonsPage.parse("\n \n"));
    }
}
