package org.parley.acd.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.parley.access.Caller;
import org.parley.acd.Agent;
import org.parley.acd.AgentId;
import org.parley.acd.AgentRepository;
import org.parley.acd.AgentService;
import org.parley.acd.ChannelLimits;
import org.parley.acd.Skill;
import org.parley.event.DomainEvent;
import org.parley.event.EventLog;
import org.parley.rule.DuplicateEntityException;
import org.parley.rule.RuleViolationException;
import org.parley.rule.StaleVersionException;
import org.parley.rule.UnknownEntityException;
import org.parley.tenant.Tenant;
import org.parley.tenant.TenantRepository;

@Stateless
public class AgentServiceBean implements AgentService {

    @Inject
    private AgentRepository agents;

    @Inject
    private TenantRepository tenants;

    @EJB
    private EventLog events;

    @Inject
    private Clock clock;

    @Override
    public Agent create(Caller caller, String extension, String displayName, Optional<char[]> sipPassword,
            List<Skill> skills, ChannelLimits capacity) {
        caller.requireAdmin();
        Agent agent = new Agent(caller.tenant(), extension, displayName, clock.instant());
        requireFreeExtension(caller, agent.extension(), Optional.empty());
        sipPassword.ifPresent(p -> agent.setSipPassword(realm(caller), p));
        agent.replaceSkills(skills);
        agent.changeCapacity(capacity);
        agents.store(agent);
        publish(caller, "AgentCreated", agent, sipPassword.isPresent());
        return agent;
    }

    @Override
    public Agent find(Caller caller, AgentId id) {
        caller.requireSupervisorOrAdmin();
        return agents.find(caller.tenant(), id).orElseThrow(() -> new UnknownEntityException("agent", id));
    }

    @Override
    public List<Agent> list(Caller caller) {
        caller.requireSupervisorOrAdmin();
        return agents.list(caller.tenant());
    }

    @Override
    public Agent update(Caller caller, AgentId id, long expectedVersion, String extension, String displayName,
            Optional<char[]> sipPassword, List<Skill> skills, ChannelLimits capacity, boolean enabled) {
        caller.requireAdmin();
        Agent agent = agents.find(caller.tenant(), id).orElseThrow(() -> new UnknownEntityException("agent", id));
        if (agent.version() != expectedVersion) {
            throw new StaleVersionException("agent", id, expectedVersion, agent.version());
        }
        agent.rename(displayName);
        String newExtension = Agent.checkExtension(extension);
        if (!newExtension.equals(agent.extension())) {
            requireFreeExtension(caller, newExtension, Optional.of(id));
            // The digest HA1 covers the username, so a moved extension must come with a new password.
            agent.moveTo(newExtension, realm(caller),
                    sipPassword.orElseThrow(() -> new RuleViolationException("sipPassword",
                            "a new extension needs a new SIP password (the digest hash includes the extension)")));
        } else {
            sipPassword.ifPresent(p -> agent.setSipPassword(realm(caller), p));
        }
        agent.replaceSkills(skills);
        agent.changeCapacity(capacity);
        if (enabled) {
            agent.enable();
        } else {
            agent.disable();
        }
        agents.store(agent);
        publish(caller, "AgentChanged", agent, sipPassword.isPresent());
        return agent;
    }

    @Override
    public Agent disable(Caller caller, AgentId id) {
        caller.requireAdmin();
        Agent agent = agents.find(caller.tenant(), id).orElseThrow(() -> new UnknownEntityException("agent", id));
        if (agent.isEnabled()) {
            agent.disable();
            agents.store(agent);
            publish(caller, "AgentDisabled", agent, false);
        }
        return agent;
    }

    private void requireFreeExtension(Caller caller, String extension, Optional<AgentId> self) {
        agents.findByExtension(caller.tenant(), extension)
                .filter(other -> self.map(s -> !other.id().equals(s)).orElse(true))
                .ifPresent(other -> {
                    throw new DuplicateEntityException("extension", "extension " + extension + " is taken by "
                            + other.displayName());
                });
    }

    private String realm(Caller caller) {
        return tenants.find(caller.tenant()).map(Tenant::sipDomain)
                .orElseThrow(() -> new UnknownEntityException("tenant", caller.tenant()));
    }

    private void publish(Caller caller, String type, Agent agent, boolean sipPasswordChanged) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("extension", agent.extension());
        details.put("displayName", agent.displayName());
        details.put("skills", agent.skills().stream().map(Skill::toString).collect(Collectors.joining(",")));
        details.put("capacity", agent.capacity().toString());
        details.put("enabled", Boolean.toString(agent.isEnabled()));
        details.put("sipPasswordChanged", Boolean.toString(sipPasswordChanged));
        events.append(DomainEvent.of(caller.tenant(), clock.instant(), type, "agent", agent.id(), caller.name(),
                details));
    }
}
