package org.parley.acd.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.parley.acd.Agent;
import org.parley.acd.ChannelLimits;
import org.parley.acd.routing.interaction.Channel;
import org.parley.acd.OpeningSpan;
import org.parley.acd.Queue;
import org.parley.acd.QueueSettings;
import org.parley.acd.routing.Router;
import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.agent.AgentSession;
import org.parley.acd.routing.agent.PauseReason;
import org.parley.acd.routing.agent.ChannelCapacity;
import org.parley.acd.routing.agent.IllegalAgentTransitionException;
import org.parley.acd.routing.agent.MixingRule;
import org.parley.acd.routing.queue.OpenHours;
import org.parley.acd.routing.queue.OverflowTarget;
import org.parley.acd.routing.queue.PriorityAging;
import org.parley.acd.routing.queue.QueueId;
import org.parley.acd.routing.queue.QueuePolicy;
import org.parley.acd.routing.skill.RelaxationStep;
import org.parley.acd.routing.skill.SkillRelaxation;
import org.parley.acd.routing.skill.SkillProfile;

/**
 * The admin's configuration (agents with skills, queues with members, the pause reasons) as the router needs it, and how to bring a
 * running router in line with it without disturbing who waits or who talks: new agents and queues are added,
 * changed ones updated, members assigned and unassigned. A disabled agent stops serving every queue and is logged
 * out once nothing is open; a disabled queue keeps its waiting customers but has no members, and takes no new ones
 * (the service refuses them).
 */
record RouterDirectory(List<AgentEntry> agents, List<QueueEntry> queues, Set<PauseReason> pauseReasons) {

    record AgentEntry(AgentId id, String extension, SkillProfile skills, ChannelCapacity capacity, boolean enabled) {

        AgentEntry(AgentId id, String extension, SkillProfile skills, boolean enabled) {
            this(id, extension, skills, ChannelCapacity.standard(), enabled);
        }
    }

    record QueueEntry(QueuePolicy policy, boolean enabled, Set<AgentId> members) {
    }

    RouterDirectory {
        agents = List.copyOf(agents);
        queues = List.copyOf(queues);
        pauseReasons = Set.copyOf(pauseReasons);
    }

    /** The configuration of a tenant whose time zone is {@code zone} (open hours are in it). */
    static RouterDirectory of(ZoneId zone, List<Agent> agents, List<Queue> queues, Set<String> pauseCodes) {
        List<AgentEntry> a = agents.stream().map(RouterDirectory::entry).toList();
        List<QueueEntry> q = queues.stream().map(queue -> entry(queue, zone)).toList();
        Set<PauseReason> reasons = new HashSet<>();
        pauseCodes.forEach(code -> reasons.add(PauseReason.of(code)));
        return new RouterDirectory(a, q, reasons);
    }

    static AgentId routingId(org.parley.acd.AgentId id) {
        return AgentId.of(Long.toString(id.value()));
    }

    static QueueId routingId(org.parley.acd.QueueId id) {
        return QueueId.of(Long.toString(id.value()));
    }

    private static AgentEntry entry(Agent agent) {
        SkillProfile skills = SkillProfile.none();
        for (org.parley.acd.Skill s : agent.skills()) {
            skills = skills.with(s.name(), s.level());
        }
        return new AgentEntry(routingId(agent.id()), agent.extension(), skills, capacity(agent.capacity()),
                agent.isEnabled());
    }

    static ChannelCapacity capacity(ChannelLimits limits) {
        return ChannelCapacity.standard().with(Channel.VOICE, limits.voice()).with(Channel.CHAT, limits.chat())
                .with(Channel.CALLBACK, limits.callback());
    }

    static QueueEntry entry(Queue queue, ZoneId zone) {
        Set<AgentId> members = new HashSet<>();
        queue.members().forEach(m -> members.add(routingId(m)));
        return new QueueEntry(policy(queue, zone), queue.isEnabled(), members);
    }

    /** The engine's policy for the queue as the admin configured it; unset settings keep the engine's defaults. */
    static QueuePolicy policy(Queue queue, ZoneId zone) {
        QueueSettings s = queue.settings();
        QueuePolicy.Builder policy = QueuePolicy.builder(routingId(queue.id()))
                .strategy(queue.strategy())
                .serviceLevel(queue.serviceLevel().percent() / 100.0, queue.serviceLevel().threshold())
                .wrapUp(queue.wrapUp())
                .ringTimeout(Duration.ofSeconds(s.ringTimeoutSeconds()))
                .missedOffersBeforePause(s.missedOffersBeforePause())
                .mixing(new MixingRule(s.chatsAllowedWithVoice(), s.chatWhileOnVoice()))
                .expectedHandleTime(Duration.ofSeconds(s.expectedHandleSeconds()))
                .callbackRetries(s.callbackAttempts(), Duration.ofSeconds(s.callbackRetrySeconds()));
        s.maxWaitSeconds().ifPresent(v -> policy.maxWait(Duration.ofSeconds(v)));
        s.maxSize().ifPresent(policy::maxSize);
        s.overflowKind().ifPresent(kind -> policy.overflowTo(switch (kind) {
            case QUEUE -> OverflowTarget.toQueue(routingId(s.overflowQueueId().orElseThrow()));
            case VOICEMAIL -> OverflowTarget.voicemail();
            case CALLBACK -> OverflowTarget.callback();
        }));
        if (!s.relaxation().isEmpty()) {
            policy.relaxation(SkillRelaxation.of(s.relaxation().stream()
                    .map(r -> new RelaxationStep(Duration.ofSeconds(r.afterSeconds()), r.levelCap()))
                    .toArray(RelaxationStep[]::new)));
        }
        s.agingEverySeconds().ifPresent(every -> policy.aging(new PriorityAging(Duration.ofSeconds(every),
                s.agingStep(), s.agingCeiling().orElse(Integer.MAX_VALUE))));
        if (s.hasOpenHours()) {
            OpenHours.Builder hours = OpenHours.in(zone);
            if (s.openHours().isEmpty()) {
                // Holidays only: open around the clock on every other day (until the last instant of each day).
                hours.open(LocalTime.MIN, LocalTime.MAX, DayOfWeek.values());
            }
            for (OpeningSpan span : s.openHours()) {
                hours.open(span.opens(), span.closes(), span.day());
            }
            s.holidays().forEach(hours::holiday);
            policy.openHours(hours.build());
        }
        return policy.build();
    }

    java.util.Optional<AgentId> agentWithExtension(String extension) {
        return agents.stream().filter(a -> a.extension().equals(extension)).map(AgentEntry::id).findFirst();
    }

    boolean acceptsCustomers(QueueId queue) {
        return queues.stream().anyMatch(q -> q.policy().id().equals(queue) && q.enabled());
    }

    /** Brings the router in line with this configuration; run on the engine's writer. */
    void applyTo(Router router) {
        router.allowPauseReasons(pauseReasons);
        Map<AgentId, AgentEntry> byId = new HashMap<>();
        for (AgentEntry a : agents) {
            byId.put(a.id(), a);
            var known = router.agent(a.id());
            if (known.isEmpty()) {
                if (a.enabled()) {
                    router.addAgent(a.id(), a.skills(), a.capacity());
                }
            } else {
                if (!known.get().skills().levels().equals(a.skills().levels())) {
                    known.get().changeSkills(a.skills());
                }
                if (!sameLimits(known.get().capacity(), a.capacity())) {
                    known.get().changeCapacity(a.capacity());
                }
            }
        }
        for (QueueEntry q : queues) {
            if (router.definesQueue(q.policy().id())) {
                router.redefineQueue(q.policy());
            } else {
                router.defineQueue(q.policy());
            }
        }
        for (QueueEntry q : queues) {
            QueueId queue = q.policy().id();
            Set<AgentId> wanted = new HashSet<>();
            if (q.enabled()) {
                for (AgentId member : q.members()) {
                    AgentEntry a = byId.get(member);
                    if (a != null && a.enabled()) {
                        wanted.add(member);
                    }
                }
            }
            Set<AgentId> current = router.membersOf(queue);
            for (AgentId gone : current) {
                if (!wanted.contains(gone)) {
                    router.unassign(gone, queue);
                }
            }
            for (AgentId added : wanted) {
                if (!current.contains(added)) {
                    router.assign(added, queue);
                }
            }
        }
        for (AgentEntry a : agents) {
            if (!a.enabled()) {
                router.agent(a.id()).filter(AgentSession::isLoggedIn).ifPresent(s -> logOutIfIdle(router, s));
            }
        }
    }

    private static boolean sameLimits(ChannelCapacity a, ChannelCapacity b) {
        for (Channel channel : Channel.values()) {
            if (a.limit(channel) != b.limit(channel)) {
                return false;
            }
        }
        return true;
    }

    private static void logOutIfIdle(Router router, AgentSession session) {
        try {
            router.logOut(session.id());
        } catch (IllegalAgentTransitionException busy) {
            // Mid-conversation: the customer is not cut off. No new work reaches them (they serve no queue), and the
            // next configuration sync or a supervisor logs them out.
        }
    }
}
