package org.parley.acd.routing.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class QueuePolicyTest {

    private final QueueId q = QueueId.of("q");

    @Test
    void limitingTheLineWithoutAnOverflowTargetIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> QueuePolicy.builder(q).maxWait(Duration.ofMinutes(2)).build());
        assertThrows(IllegalArgumentException.class, () -> QueuePolicy.builder(q).maxSize(10).build());
        assertEquals(10, QueuePolicy.builder(q).maxSize(10).overflowTo(OverflowTarget.voicemail()).build()
                .maxSize().getAsInt());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        QueuePolicy policy = QueuePolicy.builder(q).build();
        assertEquals(RoutingStrategy.LONGEST_IDLE, policy.strategy());
        assertEquals(Duration.ofSeconds(15), policy.ringTimeout());
        assertEquals(3, policy.missedOffersBeforePause());
        assertEquals(Duration.ofSeconds(10), policy.wrapUp());
        assertEquals(Duration.ofSeconds(20), policy.serviceLevelThreshold());
        assertEquals(0.8, policy.serviceLevelTarget());
    }

    @Test
    void agingRaisesPriorityStepByStepUpToTheCeiling() {
        PriorityAging aging = new PriorityAging(Duration.ofSeconds(30), 2, 7);
        assertEquals(1, aging.effectivePriority(1, Duration.ofSeconds(29)));
        assertEquals(3, aging.effectivePriority(1, Duration.ofSeconds(30)));
        assertEquals(7, aging.effectivePriority(1, Duration.ofMinutes(10)));
        assertEquals(9, aging.effectivePriority(9, Duration.ofMinutes(10)), "aging never lowers a priority");
        assertEquals(1, PriorityAging.none().effectivePriority(1, Duration.ofDays(1)));
    }

    @Test
    void estimatedWaitSharesTheLineAmongTheStaffedAgents() {
        assertEquals(Duration.ofSeconds(90), QueuePosition.estimate(3, 4, 0, Duration.ofSeconds(120)).orElseThrow());
        assertEquals(Duration.ZERO, QueuePosition.estimate(1, 4, 2, Duration.ofSeconds(120)).orElseThrow());
        assertEquals(java.util.Optional.empty(), QueuePosition.estimate(1, 0, 0, Duration.ofSeconds(120)));
    }

    @Test
    void aQueueOverflowTargetNamesAQueueAndOnlyThen() {
        assertThrows(IllegalArgumentException.class,
                () -> new OverflowTarget(OverflowTarget.Kind.QUEUE, java.util.Optional.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> new OverflowTarget(OverflowTarget.Kind.VOICEMAIL, java.util.Optional.of(q)));
    }
}
