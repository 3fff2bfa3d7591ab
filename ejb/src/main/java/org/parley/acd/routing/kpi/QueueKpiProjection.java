package org.parley.acd.routing.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.parley.acd.routing.event.EventField;
import org.parley.acd.routing.event.EventId;
import org.parley.acd.routing.event.RoutingEvent;
import org.parley.acd.routing.queue.QueueId;

/**
 * Folds the router's events into per-queue, per-interval figures. Idempotent: an event seen before (same id) is
 * ignored, because the events topic may redeliver. An interaction counts in the interval it entered the queue; a
 * callback counts as its original interaction (it was offered once), and its wait runs from the original enqueue
 * time. An interaction that overflowed into another queue is offered there again, with its whole wait.
 *
 * <p>Each entry into a queue has exactly one outcome, the first that happens: answered (an agent accepted it; for a
 * callback, the first attempt an agent took), abandoned, short abandon or overflowed. So once every interaction has
 * ended, offered = answered + abandoned + short abandons + overflowed.
 */
public final class QueueKpiProjection {

    private final Intervals intervals;
    private final Duration shortAbandonThreshold;
    private final Function<QueueId, Duration> serviceLevelThreshold;
    private final Set<EventId> seen = new HashSet<>();
    private final Map<Entry, Instant> enteredInterval = new HashMap<>();
    private final Map<String, String> originalOf = new HashMap<>();
    private final Map<Slot, Counts> counts = new HashMap<>();
    private final Set<Entry> concluded = new HashSet<>();

    /** An interaction's stay in one queue. */
    private record Entry(QueueId queue, String interaction) {
    }

    /** One queue's interval. */
    private record Slot(QueueId queue, Instant intervalStart) {
    }

    private static final class Counts {
        int offered;
        int answered;
        int abandoned;
        int shortAbandons;
        int overflowed;
        int answeredWithinThreshold;
        int abandonedAfterThreshold;
        long waitAnsweredMillis;
        int handled;
        long handleMillis;
    }

    /**
     * @param shortAbandonThreshold abandons before this are short abandons (5 s is the usual value)
     * @param serviceLevelThreshold each queue's threshold T
     */
    public QueueKpiProjection(Intervals intervals, Duration shortAbandonThreshold,
                              Function<QueueId, Duration> serviceLevelThreshold) {
        this.intervals = Objects.requireNonNull(intervals, "intervals");
        this.shortAbandonThreshold = Objects.requireNonNull(shortAbandonThreshold, "shortAbandonThreshold");
        this.serviceLevelThreshold = Objects.requireNonNull(serviceLevelThreshold, "serviceLevelThreshold");
    }

    public void apply(RoutingEvent event) {
        if (!seen.add(event.id())) {
            return;
        }
        switch (event.type()) {
            case INTERACTION_QUEUED -> queued(event);
            case CALLBACK_REQUESTED -> originalOf.put(event.require(EventField.CALLBACK),
                    original(event.require(EventField.INTERACTION)));
            case OFFER_ACCEPTED -> firstOutcome(event).ifPresent(c -> {
                long wait = event.requireMillis(EventField.WAIT_MILLIS);
                c.answered++;
                c.waitAnsweredMillis += wait;
                if (wait <= threshold(event).toMillis()) {
                    c.answeredWithinThreshold++;
                }
            });
            case INTERACTION_ABANDONED -> firstOutcome(event).ifPresent(c -> {
                long wait = event.requireMillis(EventField.WAIT_MILLIS);
                if (wait < shortAbandonThreshold.toMillis()) {
                    c.shortAbandons++;
                } else {
                    c.abandoned++;
                    if (wait > threshold(event).toMillis()) {
                        c.abandonedAfterThreshold++;
                    }
                }
            });
            case INTERACTION_OVERFLOWED -> firstOutcome(event).ifPresent(c -> c.overflowed++);
            case INTERACTION_COMPLETED -> counts(event).ifPresent(c -> {
                c.handled++;
                c.handleMillis += event.requireMillis(EventField.TALK_MILLIS);
            });
            case WRAP_UP_ENDED -> {
                if (event.get(EventField.QUEUE).isPresent()) {
                    counts(event).ifPresent(c -> c.handleMillis += event.requireMillis(EventField.WRAP_UP_MILLIS));
                }
            }
            default -> {
                // agent and offer steps do not change queue figures
            }
        }
    }

    public void applyAll(List<RoutingEvent> events) {
        events.forEach(this::apply);
    }

    public Optional<QueueIntervalReport> report(QueueId queue, Instant intervalStart) {
        Counts c = counts.get(new Slot(queue, intervalStart));
        return Optional.ofNullable(c).map(found -> toReport(queue, intervalStart, found));
    }

    /** Every queue and interval seen so far, by queue then time. */
    public List<QueueIntervalReport> reports() {
        return counts.entrySet().stream()
                .map(e -> toReport(e.getKey().queue(), e.getKey().intervalStart(), e.getValue()))
                .sorted(Comparator.comparing((QueueIntervalReport r) -> r.queue().value())
                        .thenComparing(QueueIntervalReport::intervalStart))
                .toList();
    }

    private void queued(RoutingEvent event) {
        QueueId queue = QueueId.of(event.require(EventField.QUEUE));
        String interaction = event.require(EventField.INTERACTION);
        Optional<String> callbackFor = event.get(EventField.CALLBACK_FOR);
        if (callbackFor.isPresent()) {
            originalOf.putIfAbsent(interaction, original(callbackFor.get()));
            if (enteredInterval.containsKey(new Entry(queue, original(interaction)))) {
                return;
            }
        }
        Entry entry = new Entry(queue, original(interaction));
        if (enteredInterval.containsKey(entry)) {
            // a callback queueing again for another attempt was offered once already
            return;
        }
        Instant interval = intervals.startOf(event.at());
        enteredInterval.put(entry, interval);
        countsFor(queue, interval).offered++;
    }

    /** The entry's counts if this event is the entry's first outcome, else empty. */
    private Optional<Counts> firstOutcome(RoutingEvent event) {
        Entry entry = new Entry(QueueId.of(event.require(EventField.QUEUE)),
                original(event.require(EventField.INTERACTION)));
        if (!enteredInterval.containsKey(entry) || !concluded.add(entry)) {
            return Optional.empty();
        }
        return counts(event);
    }

    private Optional<Counts> counts(RoutingEvent event) {
        QueueId queue = QueueId.of(event.require(EventField.QUEUE));
        Instant interval = enteredInterval.get(new Entry(queue, original(event.require(EventField.INTERACTION))));
        return Optional.ofNullable(interval).map(i -> countsFor(queue, i));
    }

    private Counts countsFor(QueueId queue, Instant interval) {
        return counts.computeIfAbsent(new Slot(queue, interval), k -> new Counts());
    }

    private String original(String interaction) {
        return originalOf.getOrDefault(interaction, interaction);
    }

    private Duration threshold(RoutingEvent event) {
        return serviceLevelThreshold.apply(QueueId.of(event.require(EventField.QUEUE)));
    }

    private static QueueIntervalReport toReport(QueueId queue, Instant start, Counts c) {
        return new QueueIntervalReport(queue, start, c.offered, c.answered, c.abandoned, c.shortAbandons,
                c.overflowed, c.answeredWithinThreshold, c.abandonedAfterThreshold,
                Duration.ofMillis(c.waitAnsweredMillis), c.handled, Duration.ofMillis(c.handleMillis));
    }
}
