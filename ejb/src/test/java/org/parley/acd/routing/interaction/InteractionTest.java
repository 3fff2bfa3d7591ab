package org.parley.acd.routing.interaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.parley.acd.routing.skill.RequiredSkill;

class InteractionTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    private final Interaction call = Interaction.arriving(InteractionId.random(), Channel.VOICE,
            CustomerIdentity.of("+4930555"), 2, List.of(RequiredSkill.of("billing", 3)), T0);

    @Test
    void aCallbackInheritsPlacePriorityAndSkills() {
        Interaction callback = call.callbackTo(InteractionId.random(), CustomerIdentity.of("+4930111"));
        assertEquals(InteractionStatus.REPLACED_BY_CALLBACK, call.status());
        assertEquals(T0, callback.enqueuedAt());
        assertEquals(2, callback.priority());
        assertEquals(call.requiredSkills(), callback.requiredSkills());
        assertEquals(Channel.CALLBACK, callback.channel());
        assertEquals(Optional.of(call.id()), callback.callbackFor());
    }

    @Test
    void stepsOutOfOrderAreRefusedNamingTheStatus() {
        IllegalInteractionTransitionException refused =
                assertThrows(IllegalInteractionTransitionException.class, call::completed);
        assertEquals(InteractionStatus.WAITING, refused.status());
        assertTrue(refused.getMessage().contains("WAITING"));
        call.offered();
        call.connected(T0);
        assertThrows(IllegalInteractionTransitionException.class, call::abandoned);
        assertThrows(IllegalInteractionTransitionException.class, () -> call.callbackNotAnswered(3),
                "only callbacks have callback attempts");
        call.completed();
        assertTrue(call.status().isFinal());
    }

    @Test
    void aCallbackFailsAfterItsLastUnansweredAttempt() {
        Interaction callback = call.callbackTo(InteractionId.random(), CustomerIdentity.of("+4930111"));
        callback.offered();
        callback.connected(T0);
        assertEquals(1, callback.callbackNotAnswered(2));
        assertEquals(InteractionStatus.AWAITING_RETRY, callback.status());
        callback.retryDue();
        callback.offered();
        callback.connected(T0);
        assertEquals(2, callback.callbackNotAnswered(2));
        assertEquals(InteractionStatus.CALLBACK_FAILED, callback.status());
    }
}
