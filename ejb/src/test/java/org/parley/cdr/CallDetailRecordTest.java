package org.parley.cdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.parley.event.DomainEvent;
import org.parley.tenant.TenantId;

class CallDetailRecordTest {

    private static final TenantId TENANT = new TenantId(3);
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private final String call = UUID.randomUUID().toString();

    private DomainEvent event(String type, int secondsAfterStart, Map<String, String> details) {
        return new DomainEvent(UUID.randomUUID(), TENANT, T0.plusSeconds(secondsAfterStart), type, "call", call,
                "sip", details);
    }

    @Test
    void theRecordIsTheProjectionOfTheCallsEventsAndRedeliveryChangesNothing() {
        LegQuality callerLeg = new LegQuality(500, 498, 2, 3.5, 4.3);
        LegQuality calleeLeg = new LegQuality(498, 500, 0, 1.25, 4.4);
        DomainEvent started = event(CallDetailRecord.STARTED, 0, Map.of("caller", "1001", "callee", "1002"));
        DomainEvent ringing = event(CallDetailRecord.RINGING, 1, Map.of());
        DomainEvent answered = event(CallDetailRecord.ANSWERED, 4, Map.of());
        DomainEvent ended = event(CallDetailRecord.ENDED, 14, CallDetailRecord.details(new CallOutcome("ANSWERED",
                "CALLER", 200, Optional.of("PCMU"), Optional.of(callerLeg), Optional.of(calleeLeg))));

        CallDetailRecord cdr = CallDetailRecord.from(started);
        for (DomainEvent e : new DomainEvent[] {ringing, answered, ended, answered, ended}) {
            cdr.apply(e);
        }
        assertEquals("1001", cdr.caller());
        assertEquals("1002", cdr.callee());
        assertEquals(T0, cdr.startedAt());
        assertEquals(Optional.of(T0.plusSeconds(1)), cdr.ringingAt());
        assertEquals(Duration.ofSeconds(10), cdr.talkTime());
        assertEquals(Optional.of("ANSWERED"), cdr.disposition());
        assertEquals(Optional.of("CALLER"), cdr.hangupSide());
        assertEquals(Optional.of(200), cdr.finalCode());
        assertEquals(Optional.of("PCMU"), cdr.codec());
        assertEquals(Optional.of(callerLeg), cdr.callerQuality());
        assertEquals(Optional.of(calleeLeg), cdr.calleeQuality());
    }

    @Test
    void anUnansweredCallHasNoTalkTimeAndNoQualityWithoutMedia() {
        CallDetailRecord cdr = CallDetailRecord.from(event(CallDetailRecord.STARTED, 0,
                Map.of("caller", "1001", "callee", "1009")));
        cdr.apply(event(CallDetailRecord.ENDED, 0, CallDetailRecord.details(new CallOutcome("NOT_FOUND", "SYSTEM",
                404, Optional.empty(), Optional.empty(), Optional.empty()))));
        assertEquals(Duration.ZERO, cdr.talkTime());
        assertEquals(Optional.of(404), cdr.finalCode());
        assertEquals(Optional.empty(), cdr.callerQuality());
    }

    @Test
    void theReasonParleyEndedACallIsInTheEndedEventsDetails() {
        Map<String, String> details = CallDetailRecord.details(new CallOutcome("ANSWERED", "SYSTEM", 200,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("CALLER_ANSWER_MISSING")));
        assertEquals("CALLER_ANSWER_MISSING", details.get("reason"));
        assertFalse(CallDetailRecord.details(new CallOutcome("ANSWERED", "CALLER", 200, Optional.empty(),
                Optional.empty(), Optional.empty())).containsKey("reason"));
    }

    @Test
    void theEndReasonIsProjectedAndAbsentWhenThePartiesEndedTheCall() {
        CallDetailRecord failed = CallDetailRecord.from(event(CallDetailRecord.STARTED, 0,
                Map.of("caller", "1001", "callee", "1002")));
        failed.apply(event(CallDetailRecord.ANSWERED, 3, Map.of()));
        failed.apply(event(CallDetailRecord.ENDED, 3, CallDetailRecord.details(new CallOutcome("FAILED", "SYSTEM",
                200, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("CALLER_ANSWER_MISSING")))));
        assertEquals(Optional.of("CALLER_ANSWER_MISSING"), failed.endReason());
        assertEquals(Optional.of("FAILED"), failed.disposition());
        assertEquals(Optional.of(200), failed.finalCode());

        CallDetailRecord normal = CallDetailRecord.from(event(CallDetailRecord.STARTED, 0, Map.of()));
        normal.apply(event(CallDetailRecord.ENDED, 9, CallDetailRecord.details(new CallOutcome("ANSWERED", "CALLER",
                200, Optional.empty(), Optional.empty(), Optional.empty()))));
        assertEquals(Optional.empty(), normal.endReason());
    }

    @Test
    void anotherCallsEventIsRefused() {
        CallDetailRecord cdr = CallDetailRecord.from(event(CallDetailRecord.STARTED, 0, Map.of()));
        DomainEvent other = new DomainEvent(UUID.randomUUID(), TENANT, T0, CallDetailRecord.RINGING, "call",
                "another", "sip", Map.of());
        assertThrows(IllegalArgumentException.class, () -> cdr.apply(other));
    }
}
