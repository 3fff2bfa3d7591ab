package org.parley.acd;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.parley.acd.routing.queue.OverflowTarget;
import org.parley.rule.RuleViolationException;

/**
 * The routing policies of a queue beyond strategy, service level and wrap-up: ringing, turning customers away and
 * where they go then, skill relaxation, priority aging, voice/chat mixing, callbacks and open hours. {@link
 * #defaults()} are the routing engine's own defaults. Each violated rule names the field (as the REST API spells it).
 *
 * @param ringTimeoutSeconds       how long an offer rings before it goes to another agent (1 to 300)
 * @param missedOffersBeforePause  missed offers in a row that pause the agent (1 to 100)
 * @param maxWaitSeconds           longest wait before the customer overflows; empty: no limit
 * @param maxSize                  most customers waiting at once, later arrivals overflow; empty: no limit
 * @param overflowKind             where customers turned away go; needed with a maximum or open hours
 * @param overflowQueueId          the queue (of the same tenant) they go to when {@code overflowKind} is QUEUE
 * @param relaxation               skill relaxation steps, by time waited (distinct times)
 * @param agingEverySeconds        priority aging interval; empty: no aging
 * @param agingStep                priority added per interval (at least 1 when aging)
 * @param agingCeiling             highest priority aging reaches; empty: no ceiling
 * @param chatsAllowedWithVoice    open chats that still allow a voice or callback offer
 * @param chatWhileOnVoice         whether a chat may be offered during a call
 * @param expectedHandleSeconds    handle time assumed until real ones are measured
 * @param callbackAttempts         attempts to reach a customer who asked for a callback
 * @param callbackRetrySeconds     pause between callback attempts
 * @param openHours                weekly opening spans in the tenant's zone; none: open all week
 * @param holidays                 days closed all day
 */
public record QueueSettings(int ringTimeoutSeconds, int missedOffersBeforePause, Optional<Integer> maxWaitSeconds,
        Optional<Integer> maxSize, Optional<OverflowTarget.Kind> overflowKind, Optional<QueueId> overflowQueueId,
        List<RelaxationRule> relaxation, Optional<Integer> agingEverySeconds, int agingStep,
        Optional<Integer> agingCeiling, int chatsAllowedWithVoice, boolean chatWhileOnVoice,
        int expectedHandleSeconds, int callbackAttempts, int callbackRetrySeconds, List<OpeningSpan> openHours,
        Set<LocalDate> holidays) {

    private static final QueueSettings DEFAULTS = new QueueSettings(15, 3, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), List.of(), Optional.empty(), 0, Optional.empty(), 0, false, 180, 3,
            300, List.of(), Set.of());

    public QueueSettings {
        range("ringTimeoutSeconds", ringTimeoutSeconds, 1, 300);
        range("missedOffersBeforePause", missedOffersBeforePause, 1, 100);
        maxWaitSeconds.ifPresent(v -> range("maxWaitSeconds", v, 1, 86_400));
        maxSize.ifPresent(v -> range("maxSize", v, 1, 100_000));
        boolean turnsAway = maxWaitSeconds.isPresent() || maxSize.isPresent() || !openHours.isEmpty()
                || !holidays.isEmpty();
        if (turnsAway && overflowKind.isEmpty()) {
            throw new RuleViolationException("overflowKind", "a queue with a maximum wait or size, open hours or"
                    + " holidays needs an overflow target (QUEUE, VOICEMAIL or CALLBACK)");
        }
        if (overflowKind.filter(k -> k == OverflowTarget.Kind.QUEUE).isPresent() != overflowQueueId.isPresent()) {
            throw new RuleViolationException("overflowQueueId",
                    "an overflow to a queue, and only that, names the queue (overflowQueueId)");
        }
        Set<Integer> stepTimes = new HashSet<>();
        for (RelaxationRule r : relaxation) {
            if (!stepTimes.add(r.afterSeconds())) {
                throw new RuleViolationException("relaxation", "two relaxation steps start after "
                        + r.afterSeconds() + " s");
            }
        }
        relaxation = relaxation.stream().sorted(Comparator.comparingInt(RelaxationRule::afterSeconds)).toList();
        agingEverySeconds.ifPresent(v -> range("agingEverySeconds", v, 1, 86_400));
        if (agingEverySeconds.isPresent()) {
            range("agingStep", agingStep, 1, 1000);
        } else if (agingStep != 0 || agingCeiling.isPresent()) {
            throw new RuleViolationException("agingEverySeconds", "priority aging needs an interval");
        }
        range("chatsAllowedWithVoice", chatsAllowedWithVoice, 0, 50);
        range("expectedHandleSeconds", expectedHandleSeconds, 1, 86_400);
        range("callbackAttempts", callbackAttempts, 1, 20);
        range("callbackRetrySeconds", callbackRetrySeconds, 1, 86_400);
        List<OpeningSpan> spans = new ArrayList<>(openHours);
        spans.sort(Comparator.comparing(OpeningSpan::day).thenComparing(OpeningSpan::opens));
        for (int i = 1; i < spans.size(); i++) {
            OpeningSpan before = spans.get(i - 1);
            OpeningSpan after = spans.get(i);
            if (before.day() == after.day() && after.opens().isBefore(before.closes())) {
                throw new RuleViolationException("openHours", "opening spans " + before + " and " + after
                        + " overlap");
            }
        }
        openHours = List.copyOf(spans);
        holidays = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(holidays));
    }

    private static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new RuleViolationException(field, field + " must be between " + min + " and " + max + ", not "
                    + value);
        }
    }

    /** The engine's defaults: what a queue created before these settings existed does. */
    public static QueueSettings defaults() {
        return DEFAULTS;
    }

    /** Whether the queue turns customers away outside opening times or on holidays. */
    public boolean hasOpenHours() {
        return !openHours.isEmpty() || !holidays.isEmpty();
    }
}
