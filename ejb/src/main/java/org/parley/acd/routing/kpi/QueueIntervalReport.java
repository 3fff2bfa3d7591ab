package org.parley.acd.routing.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.parley.acd.routing.queue.QueueId;

/**
 * One queue's figures for one interval. Every interaction counts in the interval in which it entered the queue.
 *
 * @param offered                 interactions that entered the queue (short abandons included; see the rates)
 * @param answered                accepted by an agent
 * @param abandoned               customer left while waiting, after the short-abandon threshold
 * @param shortAbandons           customer left before the short-abandon threshold; counted on their own
 * @param overflowed              sent on to an overflow target
 * @param answeredWithinThreshold answered within the queue's service-level threshold T
 * @param abandonedAfterThreshold abandoned after waiting longer than T
 * @param totalWaitAnswered       summed wait of the answered ones
 * @param handled                 conversations completed
 * @param totalHandleTime         summed talk + hold + wrap-up of the handled ones (hold is not tracked yet: 0)
 */
public record QueueIntervalReport(QueueId queue, Instant intervalStart, int offered, int answered, int abandoned,
                                  int shortAbandons, int overflowed, int answeredWithinThreshold,
                                  int abandonedAfterThreshold, Duration totalWaitAnswered, int handled,
                                  Duration totalHandleTime) {

    /** SL = answered within T ÷ (answered + abandoned after T); empty when nothing counts yet. */
    public Optional<Double> serviceLevel() {
        int base = answered + abandonedAfterThreshold;
        return base == 0 ? Optional.empty() : Optional.of((double) answeredWithinThreshold / base);
    }

    /** ASA = total wait of answered ÷ answered. */
    public Optional<Duration> averageSpeedOfAnswer() {
        return answered == 0 ? Optional.empty() : Optional.of(totalWaitAnswered.dividedBy(answered));
    }

    /** AHT = (talk + hold + wrap-up) ÷ handled. */
    public Optional<Duration> averageHandleTime() {
        return handled == 0 ? Optional.empty() : Optional.of(totalHandleTime.dividedBy(handled));
    }

    /** Abandon rate = abandoned ÷ (offered − short abandons). */
    public Optional<Double> abandonRate() {
        int base = offered - shortAbandons;
        return base <= 0 ? Optional.empty() : Optional.of((double) abandoned / base);
    }
}
