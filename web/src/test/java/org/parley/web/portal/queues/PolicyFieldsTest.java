package org.parley.web.portal.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.parley.acd.OpeningSpan;
import org.parley.acd.QueueId;
import org.parley.acd.QueueSettings;
import org.parley.acd.RelaxationRule;
import org.parley.acd.routing.queue.OverflowTarget;
import org.parley.rule.RuleViolationException;

/** The queue form's text notation for relaxation, open hours and holidays, and what it refuses. */
class PolicyFieldsTest {

    @Test
    void aNewFormSavesTheEnginesDefaults() {
        assertEquals(QueueSettings.defaults(), new PolicyFields().toSettings());
    }

    @Test
    void theNotationReadsAsSettingsAndShowsBackTheSame() {
        PolicyFields form = new PolicyFields();
        form.setMaxSize(10);
        form.setOverflowKind("QUEUE");
        form.setOverflowQueueId(42L);
        form.setRelaxation("60:1, 30:3");
        form.setOpenHours("MONDAY,FRIDAY 09:00-17:00\nsaturday 10:00-24:00");
        form.setHolidays("2026-12-25, 2027-01-01");

        QueueSettings settings = form.toSettings();
        assertEquals(Optional.of(new QueueId(42)), settings.overflowQueueId());
        assertEquals(List.of(new RelaxationRule(30, 3), new RelaxationRule(60, 1)), settings.relaxation());
        assertEquals(List.of(new OpeningSpan(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)),
                new OpeningSpan(DayOfWeek.FRIDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)),
                new OpeningSpan(DayOfWeek.SATURDAY, LocalTime.of(10, 0), LocalTime.of(23, 59, 59))),
                settings.openHours());
        assertEquals(Set.of(LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 1)), settings.holidays());

        PolicyFields shown = new PolicyFields();
        shown.show(settings);
        assertEquals("30:3, 60:1", shown.getRelaxation());
        assertEquals("MONDAY 09:00-17:00\nFRIDAY 09:00-17:00\nSATURDAY 10:00-24:00", shown.getOpenHours());
        assertEquals(settings, shown.toSettings());
    }

    @Test
    void theOverflowQueueCountsOnlyForAQueueTarget() {
        PolicyFields form = new PolicyFields();
        form.setMaxWaitSeconds(60);
        form.setOverflowKind("VOICEMAIL");
        form.setOverflowQueueId(42L);
        assertEquals(Optional.of(OverflowTarget.Kind.VOICEMAIL), form.toSettings().overflowKind());
        assertTrue(form.toSettings().overflowQueueId().isEmpty());
    }

    @Test
    void badTextIsRefusedAtItsField() {
        PolicyFields form = new PolicyFields();
        form.setOverflowKind("VOICEMAIL");
        form.setOpenHours("MONDAY 9-5pm");
        assertEquals("openHours", assertThrows(RuleViolationException.class, form::toSettings).field());
        form.setOpenHours("");
        form.setHolidays("christmas");
        assertEquals("holidays", assertThrows(RuleViolationException.class, form::toSettings).field());
        form.setHolidays("");
        form.setRelaxation("30");
        assertEquals("relaxation", assertThrows(RuleViolationException.class, form::toSettings).field());
    }
}
