package org.parley.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class CallActionTest {

    @Test
    void actionsCarryOnlyTheParameterTheirKindTakes() {
        assertThrows(IllegalArgumentException.class, () -> CallAction.of(CallAction.Kind.BRIDGE_MEDIA, 200));
        assertThrows(IllegalArgumentException.class, () -> CallAction.of(CallAction.Kind.SEND_FINAL_TO_CALLER, "b1"));
        assertThrows(IllegalArgumentException.class, () -> CallAction.of(CallAction.Kind.SEND_FINAL_TO_CALLER, 99));
        assertTrue(CallAction.of(CallAction.Kind.BRIDGE_MEDIA).isComplete());
        assertFalse(CallAction.of(CallAction.Kind.CANCEL_BRANCH).isComplete(), "a template");
        assertEquals("SEND_FINAL_TO_CALLER(486)", CallAction.of(CallAction.Kind.SEND_FINAL_TO_CALLER, 486).toString());
        assertEquals("CANCEL_BRANCH(z9hG4bK1)", CallAction.of(CallAction.Kind.CANCEL_BRANCH, "z9hG4bK1").toString());
    }

    @Test
    void anEndedRecordIsWhole() {
        Instant t = Instant.parse("2026-11-23T09:00:00Z");
        assertThrows(IllegalArgumentException.class, () -> new CallRecord("a", "b", t, Optional.empty(),
                Optional.empty(), Optional.of(t), Optional.empty(), Optional.empty(), OptionalInt.empty()));
    }
}
