package org.parley.web.api;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.parley.acd.OpeningSpan;
import org.parley.acd.QueueId;
import org.parley.acd.QueueSettings;
import org.parley.acd.RelaxationRule;
import org.parley.acd.routing.queue.OverflowTarget;
import org.parley.rule.RuleViolationException;

/**
 * A queue's routing policies as the REST API and the portal exchange them. On input every field may be left out
 * (null) and then takes the engine's default; on output every field is filled in ({@code null} only for "no limit"
 * and "none"). Times of day are {@code HH:mm} in the tenant's time zone ({@code 24:00} closes at the end of the day),
 * days are {@code MONDAY} ... {@code SUNDAY}, holidays ISO dates ({@code 2026-12-25}). Each bad value is a rule
 * violation naming its field.
 *
 * @param overflowKind {@code QUEUE} (with {@code overflowQueueId}), {@code VOICEMAIL} or {@code CALLBACK}
 */
public record QueuePolicyDto(Integer ringTimeoutSeconds, Integer missedOffersBeforePause, Integer maxWaitSeconds,
        Integer maxSize, String overflowKind, Long overflowQueueId, List<Relaxation> relaxation,
        Integer agingEverySeconds, Integer agingStep, Integer agingCeiling, Integer chatsAllowedWithVoice,
        Boolean chatWhileOnVoice, Integer expectedHandleSeconds, Integer callbackAttempts,
        Integer callbackRetrySeconds, List<Opening> openHours, List<String> holidays) {

    /** After {@code afterSeconds} of waiting, no required level above {@code levelCap}. */
    public record Relaxation(Integer afterSeconds, Integer levelCap) {
    }

    /** Open on {@code day} from {@code opens} until {@code closes} ({@code HH:mm}). */
    public record Opening(String day, String opens, String closes) {
    }

    /** The settings in full, as a view. */
    public static QueuePolicyDto of(QueueSettings s) {
        return new QueuePolicyDto(s.ringTimeoutSeconds(), s.missedOffersBeforePause(),
                s.maxWaitSeconds().orElse(null), s.maxSize().orElse(null),
                s.overflowKind().map(Enum::name).orElse(null), s.overflowQueueId().map(QueueId::value).orElse(null),
                s.relaxation().stream().map(r -> new Relaxation(r.afterSeconds(), r.levelCap())).toList(),
                s.agingEverySeconds().orElse(null), s.agingEverySeconds().isPresent() ? s.agingStep() : null,
                s.agingCeiling().orElse(null), s.chatsAllowedWithVoice(), s.chatWhileOnVoice(),
                s.expectedHandleSeconds(), s.callbackAttempts(), s.callbackRetrySeconds(),
                s.openHours().stream().map(o -> new Opening(o.day().name(), time(o.opens()), time(o.closes())))
                        .toList(),
                s.holidays().stream().map(LocalDate::toString).toList());
    }

    /** The settings this describes; left-out fields take the defaults. */
    public QueueSettings toSettings() {
        QueueSettings d = QueueSettings.defaults();
        List<RelaxationRule> steps = new ArrayList<>();
        if (relaxation != null) {
            for (Relaxation r : relaxation) {
                if (r == null || r.afterSeconds() == null || r.levelCap() == null) {
                    throw new RuleViolationException("relaxation", "a relaxation step needs afterSeconds and levelCap");
                }
                steps.add(new RelaxationRule(r.afterSeconds(), r.levelCap()));
            }
        }
        List<OpeningSpan> spans = new ArrayList<>();
        if (openHours != null) {
            for (Opening o : openHours) {
                if (o == null) {
                    throw new RuleViolationException("openHours", "an opening span needs day, opens and closes");
                }
                spans.add(new OpeningSpan(day(o.day()), timeOfDay(o.opens()), timeOfDay(o.closes())));
            }
        }
        Set<LocalDate> days = new LinkedHashSet<>();
        if (holidays != null) {
            for (String h : holidays) {
                days.add(date(h));
            }
        }
        return new QueueSettings(or(ringTimeoutSeconds, d.ringTimeoutSeconds()),
                or(missedOffersBeforePause, d.missedOffersBeforePause()), Optional.ofNullable(maxWaitSeconds),
                Optional.ofNullable(maxSize), Optional.ofNullable(overflowKind).map(QueuePolicyDto::kind),
                Optional.ofNullable(overflowQueueId).map(QueueId::new), steps,
                Optional.ofNullable(agingEverySeconds), agingStep == null ? 0 : agingStep,
                Optional.ofNullable(agingCeiling), or(chatsAllowedWithVoice, d.chatsAllowedWithVoice()),
                chatWhileOnVoice == null ? d.chatWhileOnVoice() : chatWhileOnVoice,
                or(expectedHandleSeconds, d.expectedHandleSeconds()), or(callbackAttempts, d.callbackAttempts()),
                or(callbackRetrySeconds, d.callbackRetrySeconds()), spans, days);
    }

    private static int or(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }

    private static OverflowTarget.Kind kind(String value) {
        try {
            return OverflowTarget.Kind.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RuleViolationException("overflowKind", "overflowKind is QUEUE, VOICEMAIL or CALLBACK, not '"
                    + value + "'");
        }
    }

    /** A weekday by its English name, as {@link DayOfWeek} spells it (any case). */
    public static DayOfWeek day(String value) {
        try {
            return DayOfWeek.valueOf(value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RuleViolationException("openHours", "'" + value + "' is not a day (MONDAY ... SUNDAY)");
        }
    }

    /** {@code HH:mm} (or {@code HH:mm:ss}); {@code 24:00} is the last second of the day. */
    public static LocalTime timeOfDay(String value) {
        if (value != null && value.strip().equals("24:00")) {
            return LocalTime.of(23, 59, 59);
        }
        try {
            return LocalTime.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            throw new RuleViolationException("openHours", "'" + value + "' is not a time of day (HH:mm)");
        }
    }

    /** An ISO date ({@code 2026-12-25}). */
    public static LocalDate date(String value) {
        try {
            return LocalDate.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            throw new RuleViolationException("holidays", "'" + value + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static String time(LocalTime t) {
        return t.equals(LocalTime.of(23, 59, 59)) ? "24:00" : t.toString();
    }
}
