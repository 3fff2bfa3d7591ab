package org.parley.acd.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.agent.AgentState;
import org.parley.acd.routing.agent.PauseReason;
import org.parley.acd.routing.event.EventField;
import org.parley.acd.routing.event.RoutingEvent;
import org.parley.acd.routing.event.RoutingEventType;
import org.parley.acd.routing.interaction.Channel;
import org.parley.acd.routing.interaction.CustomerIdentity;
import org.parley.acd.routing.interaction.Interaction;
import org.parley.acd.routing.interaction.InteractionId;
import org.parley.acd.routing.interaction.InteractionStatus;
import org.parley.acd.routing.offer.Offer;
import org.parley.acd.routing.queue.OpenHours;
import org.parley.acd.routing.queue.OverflowTarget;
import org.parley.acd.routing.queue.PriorityAging;
import org.parley.acd.routing.queue.QueueId;
import org.parley.acd.routing.queue.QueuePosition;
import org.parley.acd.routing.skill.RelaxationStep;
import org.parley.acd.routing.skill.RequiredSkill;
import org.parley.acd.routing.skill.SkillProfile;
import org.parley.acd.routing.skill.SkillRelaxation;

/** Queue behaviour over time: relaxation, aging, callbacks that keep their place, limits, estimated waits. */
class RouterQueueTest {

    private final RoutingScenario s = new RoutingScenario();

    @Test
    void skillRequirementsRelaxAfterTheConfiguredWaitWithoutAnyAgentEvent() {
        QueueId q = s.queue("billing", b -> b.relaxation(
                SkillRelaxation.of(new RelaxationStep(Duration.ofSeconds(30), 3))));
        AgentId junior = s.agent("a1", SkillProfile.none().with("billing", 3), q);
        InteractionId call = s.call(q, RequiredSkill.of("billing", 7));

        s.elapseSeconds(29);
        assertFalse(s.isRinging(junior), "level 3 is not enough before 30 s");
        s.elapseSeconds(1);

        Offer offer = s.ringingAt(junior);
        assertEquals(call, offer.interaction());
        assertEquals(List.of(RequiredSkill.of("billing", 3)), offer.decision().requirements());
    }

    @Test
    void anAgentReservedEarlierInARoutingPassIsNotOfferedTheNextCustomerInThatPass() {
        QueueId chat = s.queue("chat");
        AgentId agent = s.agent("a1", chat);
        // free all along, so the pass goes on after a1 is reserved; but no member of the chat queue
        s.agent("a2", s.queue("sales"));
        s.router.pause(agent, PauseReason.of("break"));
        InteractionId first = s.arrive(chat, Channel.CHAT, 0);
        InteractionId second = s.arrive(chat, Channel.CHAT, 0);

        s.router.goReady(agent);

        assertEquals(first, s.ringingAt(agent).interaction());
        assertEquals(List.of(first.value()), s.fieldOf(RoutingEventType.INTERACTION_OFFERED, EventField.INTERACTION));
        assertEquals(InteractionStatus.WAITING, s.router.interaction(second).orElseThrow().status());
        s.answer(agent);
        assertEquals(second, s.answer(agent), "the open chat leaves room for the next one");
    }

    @Test
    void agingLetsALongWaitingLowPriorityCustomerOvertakeANewHighPriorityOne() {
        QueueId q = s.queue("support", b -> b.aging(new PriorityAging(Duration.ofSeconds(60), 1, 10)));
        InteractionId patient = s.arrive(q, Channel.VOICE, 1);
        s.elapseSeconds(150);
        InteractionId urgent = s.arrive(q, Channel.VOICE, 2);
        s.elapseSeconds(10);
        // patient: 1 + 2 steps of aging = 3 > urgent's 2
        assertEquals(List.of(patient, urgent), s.router.line(q).stream().map(Interaction::id).toList());

        AgentId agent = s.agent("a1", q);

        assertEquals(patient, s.ringingAt(agent).interaction());
    }

    @Test
    void withoutAgingHigherPriorityIsServedFirst() {
        QueueId q = s.queue("support");
        InteractionId normal = s.arrive(q, Channel.VOICE, 1);
        s.elapseSeconds(150);
        InteractionId urgent = s.arrive(q, Channel.VOICE, 2);
        AgentId agent = s.agent("a1", q);
        assertEquals(urgent, s.ringingAt(agent).interaction());
        assertEquals(1, s.router.position(normal).orElseThrow().position());
    }

    @Test
    void aCallbackRequestedAtMinuteOneIsServedBeforeALiveCallerWhoArrivedAtMinuteTwo() {
        QueueId q = s.queue("support");
        InteractionId asker = s.call(q);
        s.elapseSeconds(60);
        InteractionId callback = s.router.requestCallback(asker, CustomerIdentity.of("+4930111"));
        s.elapseSeconds(60);
        InteractionId live = s.call(q);
        s.elapseSeconds(60);

        AgentId agent = s.agent("a1", q);

        Offer offer = s.ringingAt(agent);
        assertEquals(callback, offer.interaction());
        assertEquals(Channel.CALLBACK, offer.channel());
        assertEquals(InteractionStatus.REPLACED_BY_CALLBACK, s.router.interaction(asker).orElseThrow().status());
        assertEquals(RoutingScenario.START, s.router.interaction(callback).orElseThrow().enqueuedAt());
        assertEquals(1, s.router.position(live).orElseThrow().position());
        s.router.customerLeft(asker);
        assertEquals(InteractionStatus.REPLACED_BY_CALLBACK, s.router.interaction(asker).orElseThrow().status(),
                "the caller hanging up after asking for the callback changes nothing");
        assertTrue(s.eventsOf(RoutingEventType.INTERACTION_ABANDONED).isEmpty());
        RoutingEvent place = s.eventsOf(RoutingEventType.PLACE_CALLBACK).get(0);
        assertEquals("+4930111", place.require(EventField.CUSTOMER));
        assertEquals(agent.value(), place.require(EventField.AGENT));
        assertEquals(asker.value(), place.require(EventField.CALLBACK_FOR));
    }

    @Test
    void anUnansweredCallbackIsRetriedAfterTheDelayAndFailsAfterTheLastAttempt() {
        QueueId q = s.queue("support", b -> b.callbackRetries(2, Duration.ofMinutes(5)).wrapUp(Duration.ZERO));
        InteractionId asker = s.call(q);
        InteractionId callback = s.router.requestCallback(asker, CustomerIdentity.of("+4930111"));
        AgentId agent = s.agent("a1", q);
        s.answer(agent);

        s.router.callbackNotAnswered(callback);

        assertEquals(InteractionStatus.AWAITING_RETRY, s.router.interaction(callback).orElseThrow().status());
        assertEquals(List.of("1 of 2"), s.fieldOf(RoutingEventType.CALLBACK_NOT_ANSWERED, EventField.ATTEMPT));
        assertFalse(s.isRinging(agent), "no retry before the delay");
        s.elapse(Duration.ofMinutes(5));
        assertEquals(callback, s.ringingAt(agent).interaction());
        assertEquals(2, s.eventsOf(RoutingEventType.PLACE_CALLBACK).size());
        s.answer(agent);

        s.router.callbackNotAnswered(callback);

        assertEquals(InteractionStatus.CALLBACK_FAILED, s.router.interaction(callback).orElseThrow().status());
        assertEquals(List.of("2 of 2"), s.fieldOf(RoutingEventType.CALLBACK_FAILED, EventField.ATTEMPT));
        s.elapse(Duration.ofMinutes(10));
        assertFalse(s.isRinging(agent));
    }

    @Test
    void aCallbackKeepsItsPlaceAheadOfCallersWhoArrivedBeforeItWasRequested() {
        QueueId q = s.queue("support");
        InteractionId first = s.call(q);
        s.elapseSeconds(30);
        InteractionId second = s.call(q);
        s.elapseSeconds(30);
        InteractionId callback = s.router.requestCallback(first, CustomerIdentity.of("+4930111"));

        assertEquals(List.of(callback, second), s.router.line(q).stream().map(Interaction::id).toList());
    }

    @Test
    void maxWaitOverflowsToTheTargetQueueWhereTheCustomerIsOffered() {
        QueueId backup = s.queue("backup");
        QueueId front = s.queue("front", b -> b.maxWait(Duration.ofSeconds(90))
                .overflowTo(OverflowTarget.toQueue(backup)));
        AgentId helper = s.agent("a1", backup);
        s.router.pause(helper, PauseReason.of("training"));
        InteractionId call = s.call(front);

        s.elapseSeconds(89);
        assertEquals(Optional.of(front), s.router.queueOf(call));
        s.elapseSeconds(1);

        assertEquals(Optional.of(backup), s.router.queueOf(call));
        RoutingEvent overflow = s.eventsOf(RoutingEventType.INTERACTION_OVERFLOWED).get(0);
        assertEquals("queue backup", overflow.require(EventField.OVERFLOW_TARGET));
        assertEquals("maximum wait reached", overflow.require(EventField.REASON));
        s.router.goReady(helper);
        assertEquals(call, s.ringingAt(helper).interaction());
    }

    @Test
    void maxWaitWhileRingingOverflowsOnlyIfTheOfferIsNotAnswered() {
        QueueId q = s.queue("front", b -> b.maxWait(Duration.ofSeconds(10)).ringTimeout(Duration.ofSeconds(15))
                .overflowTo(OverflowTarget.voicemail()));
        AgentId agent = s.agent("a1", q);
        InteractionId call = s.call(q);

        s.elapseSeconds(15);

        assertEquals(InteractionStatus.OVERFLOWED, s.router.interaction(call).orElseThrow().status());
        assertFalse(s.isRinging(agent));
        assertEquals(List.of("voicemail"),
                s.fieldOf(RoutingEventType.INTERACTION_OVERFLOWED, EventField.OVERFLOW_TARGET));
    }

    @Test
    void aFullQueueSendsNewCustomersToTheOverflowTargetWithoutQueueingThem() {
        QueueId q = s.queue("tiny", b -> b.maxSize(1).overflowTo(OverflowTarget.voicemail()));
        InteractionId first = s.call(q);
        InteractionId second = s.call(q);

        assertEquals(InteractionStatus.WAITING, s.router.interaction(first).orElseThrow().status());
        assertEquals(InteractionStatus.OVERFLOWED, s.router.interaction(second).orElseThrow().status());
        assertEquals(List.of(first.value()), s.fieldOf(RoutingEventType.INTERACTION_QUEUED, EventField.INTERACTION));
        assertEquals(List.of("queue full"), s.fieldOf(RoutingEventType.INTERACTION_OVERFLOWED, EventField.REASON));
    }

    @Test
    void overflowToCallbackKeepsTheCustomersPlace() {
        QueueId q = s.queue("front", b -> b.maxWait(Duration.ofSeconds(60)).overflowTo(OverflowTarget.callback()));
        InteractionId call = s.call(q);
        s.elapseSeconds(60);

        Interaction callback = s.router.line(q).get(0);
        assertEquals(Channel.CALLBACK, callback.channel());
        assertEquals(Optional.of(call), callback.callbackFor());
        assertEquals(RoutingScenario.START, callback.enqueuedAt());
        s.elapseSeconds(600);
        assertEquals(InteractionStatus.WAITING, callback.status(), "a callback is not subject to the maximum wait");
    }

    @Test
    void overflowChainsThatComeBackToAQueueAlreadyTriedEnd() {
        QueueId a = QueueId.of("a");
        QueueId b = QueueId.of("b");
        s.queue("a", x -> x.maxWait(Duration.ofSeconds(10)).overflowTo(OverflowTarget.toQueue(b)));
        s.queue("b", x -> x.maxWait(Duration.ofSeconds(10)).overflowTo(OverflowTarget.toQueue(a)));
        InteractionId call = s.call(a);
        s.elapseSeconds(20);
        assertEquals(InteractionStatus.OVERFLOWED, s.router.interaction(call).orElseThrow().status());
        assertEquals(2, s.eventsOf(RoutingEventType.INTERACTION_OVERFLOWED).size());
    }

    @Test
    void positionAndEstimatedWaitFollowTheLineAndTheStaffing() {
        QueueId q = s.queue("support", b -> b.expectedHandleTime(Duration.ofSeconds(120)));
        AgentId a1 = s.agent("a1", q);
        AgentId a2 = s.agent("a2", q);
        InteractionId busy1 = s.call(q);
        s.answer(a1);
        s.call(q);
        s.answer(a2);
        InteractionId third = s.call(q);
        InteractionId fourth = s.call(q);

        // two agents busy, 120 s expected handle time: place 1 ≈ 60 s, place 2 ≈ 120 s
        assertEquals(new QueuePosition(1, 2, Optional.of(Duration.ofSeconds(60))),
                s.router.position(third).orElseThrow());
        assertEquals(new QueuePosition(2, 2, Optional.of(Duration.ofSeconds(120))),
                s.router.position(fourth).orElseThrow());

        s.elapseSeconds(40);
        s.router.complete(busy1);
        // measured handle time 40 s talk + 10 s wrap-up replaces the expected 120 s
        assertEquals(Optional.of(Duration.ofSeconds(50)), s.router.position(fourth).orElseThrow().estimatedWait());
        assertTrue(s.router.position(busy1).isEmpty());
    }

    @Test
    void outsideOpenHoursAndOnHolidaysArrivalsGoToTheOverflowTarget() {
        // 2026-11-23 is a Monday; START is 09:00 UTC = 10:00 in Berlin
        OpenHours hours = OpenHours.in(ZoneId.of("Europe/Berlin"))
                .open(LocalTime.of(10, 0), LocalTime.of(18, 0),
                        DayOfWeek.MONDAY, DayOfWeek.TUESDAY)
                .holiday(LocalDate.of(2026, 11, 24))
                .build();
        QueueId q = s.queue("office", b -> b.openHours(hours).overflowTo(OverflowTarget.voicemail()));

        InteractionId inHours = s.call(q);
        s.elapse(Duration.ofHours(8));
        InteractionId atClosing = s.call(q);
        s.elapse(Duration.ofHours(16));
        InteractionId holiday = s.call(q);

        assertEquals(InteractionStatus.WAITING, s.router.interaction(inHours).orElseThrow().status());
        assertEquals(InteractionStatus.OVERFLOWED, s.router.interaction(atClosing).orElseThrow().status());
        assertEquals(InteractionStatus.OVERFLOWED, s.router.interaction(holiday).orElseThrow().status());
        assertEquals(List.of("closed", "closed"),
                s.fieldOf(RoutingEventType.INTERACTION_OVERFLOWED, EventField.REASON));
        assertTrue(hours.isOpenAt(Instant.parse("2026-11-30T16:59:59Z")), "next Monday 17:59 Berlin");
    }

    @Test
    void onlyTheTenantsPauseReasonsAreAccepted() {
        QueueId q = s.queue("support");
        AgentId agent = s.agent("a1", q);
        s.router.allowPauseReasons(Set.of(PauseReason.of("lunch"), PauseReason.of("training")));

        assertThrows(UnknownPauseReasonException.class,
                () -> s.router.pause(agent, PauseReason.of("nap")));
        assertEquals(AgentState.AVAILABLE, s.state(agent));
        s.router.pause(agent, PauseReason.of("lunch"));
        assertEquals(PauseReason.of("lunch"), s.session(agent).pauseReason().orElseThrow());
    }

    @Test
    void theLiveViewCountsWaitingCustomersAndAgentsByState() {
        QueueId q = s.queue("support");
        AgentId a1 = s.agent("a1", q);
        AgentId a2 = s.agent("a2", q);
        s.router.pause(a2, PauseReason.of("lunch"));
        InteractionId first = s.call(q);
        s.elapseSeconds(10);
        s.call(q);
        s.elapseSeconds(4);

        var view = s.router.liveView(q);

        assertEquals(2, view.waiting());
        assertEquals(Optional.of(Duration.ofSeconds(14)), view.longestWait());
        assertEquals(Map.of(AgentState.RESERVED, 1,
                AgentState.PAUSED, 1), view.agentsByState());
        assertEquals(first, s.ringingAt(a1).interaction());
    }

    @Test
    void noEstimateIsGivenWhenNobodyStaffsTheQueue() {
        QueueId q = s.queue("night");
        InteractionId call = s.call(q);
        assertEquals(new QueuePosition(1, 1, Optional.empty()), s.router.position(call).orElseThrow());
    }

    @Test
    void chatsAreOfferedUpToTheAgentsChatCapacity() {
        QueueId q = s.queue("chat");
        AgentId agent = s.agent("a1", q);
        for (int i = 0; i < 4; i++) {
            s.arrive(q, Channel.CHAT, 0);
            if (s.isRinging(agent)) {
                s.answer(agent);
            }
        }
        assertEquals(3, s.session(agent).connected().size());
        assertEquals(1, s.router.line(q).size());
    }
}
