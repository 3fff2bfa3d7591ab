package org.parley.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.parley.acd.QueueSettings;
import org.parley.rule.RuleViolationException;

/** The REST form of a queue's policies: left-out fields are defaults, bad text names its field. */
class QueuePolicyDtoTest {

    private static QueuePolicyDto policy(Integer maxWait, String kind, List<QueuePolicyDto.Opening> open,
            List<String> holidays) {
        return new QueuePolicyDto(null, null, maxWait, null, kind, null, null, null, null, null, null, null, null,
                null, null, open, holidays);
    }

    private static String field(QueuePolicyDto dto) {
        return assertThrows(RuleViolationException.class, dto::toSettings).field();
    }

    @Test
    void anEmptyPolicyIsTheDefaults() {
        assertEquals(QueueSettings.defaults(), policy(null, null, null, null).toSettings());
    }

    @Test
    void badValuesNameTheirField() {
        assertEquals("holidays", field(policy(null, "VOICEMAIL", null, List.of("25.12.2026"))));
        assertEquals("openHours", field(policy(null, "VOICEMAIL",
                List.of(new QueuePolicyDto.Opening("MONDAY", "17:00", "09:00")), null)));
        assertEquals("openHours", field(policy(null, "VOICEMAIL",
                List.of(new QueuePolicyDto.Opening("MONTAG", "09:00", "17:00")), null)));
        assertEquals("openHours", field(policy(null, "VOICEMAIL",
                List.of(new QueuePolicyDto.Opening("MONDAY", "9 am", "17:00")), null)));
        assertEquals("overflowKind", field(policy(60, "ELSEWHERE", null, null)));
        assertEquals("maxWaitSeconds", field(policy(-5, "VOICEMAIL", null, null)));
    }

    @Test
    void theViewReadsBackAsTheSameSettings() {
        QueuePolicyDto written = new QueuePolicyDto(20, 2, 90, 5, "callback", null,
                List.of(new QueuePolicyDto.Relaxation(30, 3)), 15, 1, 9, 2, true, 200, 5, 120,
                List.of(new QueuePolicyDto.Opening("friday", "08:00", "24:00"),
                        new QueuePolicyDto.Opening("MONDAY", "09:00", "17:30")),
                List.of("2026-12-25"));
        QueueSettings settings = written.toSettings();
        QueuePolicyDto view = QueuePolicyDto.of(settings);

        assertEquals(settings, view.toSettings());
        assertEquals("CALLBACK", view.overflowKind());
        assertEquals(List.of(new QueuePolicyDto.Opening("MONDAY", "09:00", "17:30"),
                new QueuePolicyDto.Opening("FRIDAY", "08:00", "24:00")), view.openHours());
        assertEquals(List.of("2026-12-25"), view.holidays());
    }
}
