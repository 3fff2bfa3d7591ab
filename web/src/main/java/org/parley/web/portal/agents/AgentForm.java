package org.parley.web.portal.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.parley.access.NotPermittedException;
import org.parley.acd.Agent;
import org.parley.acd.AgentId;
import org.parley.acd.AgentService;
import org.parley.acd.ChannelLimits;
import org.parley.acd.Skill;
import org.parley.rule.DuplicateEntityException;
import org.parley.rule.RuleViolationException;
import org.parley.rule.StaleVersionException;
import org.parley.rule.UnknownEntityException;
import org.parley.web.portal.EditForm;
import org.parley.web.portal.FormMessages;
import org.parley.web.portal.SignedInUser;

/**
 * Creates an agent, or edits one ({@code edit.xhtml?id=…}). The version read when the page opened stays with the
 * view on the server and goes with the update, so a change made meanwhile by someone else is refused, not lost.
 */
@Named
@ViewScoped
public class AgentForm extends EditForm<Agent> {

    private static final long serialVersionUID = 1L;
    static final String FORM = "agent";
    private static final String LIST = "/portal/agents/index?faces-redirect=true";

    @EJB
    private AgentService agents;

    @Inject
    private SignedInUser user;

    private String extension;
    private String displayName;
    private String sipPassword;
    private boolean sipPasswordSet;
    private List<SkillLevel> skills = new ArrayList<>();
    /** Channel capacity; the engine's standard (1, 3, 1) for a new agent. */
    private Integer voiceCapacity = ChannelLimits.standard().voice();
    private Integer chatCapacity = ChannelLimits.standard().chat();
    private Integer callbackCapacity = ChannelLimits.standard().callback();

    @Override
    protected Agent find(long id) {
        return agents.find(user.caller(), new AgentId(id));
    }

    @Override
    protected void show(Agent agent) {
        id = agent.id().value();
        version = agent.version();
        extension = agent.extension();
        displayName = agent.displayName();
        sipPasswordSet = agent.hasSipCredentials();
        skills = new ArrayList<>(agent.skills().stream().map(SkillLevel::of).toList());
        enabled = agent.isEnabled();
        voiceCapacity = agent.capacity().voice();
        chatCapacity = agent.capacity().chat();
        callbackCapacity = agent.capacity().callback();
    }

    public String save() {
        Optional<char[]> password = sipPassword == null || sipPassword.isEmpty() ? Optional.empty()
                : Optional.of(sipPassword.toCharArray());
        sipPassword = null;
        try {
            List<Skill> domainSkills = skills.stream().map(SkillLevel::toSkill).toList();
            ChannelLimits d = ChannelLimits.standard();
            ChannelLimits capacity = new ChannelLimits(voiceCapacity == null ? d.voice() : voiceCapacity,
                    chatCapacity == null ? d.chat() : chatCapacity,
                    callbackCapacity == null ? d.callback() : callbackCapacity);
            Agent saved = id == null
                    ? agents.create(user.caller(), extension, displayName, password, domainSkills, capacity)
                    : agents.update(user.caller(), new AgentId(id), version, extension, displayName, password,
                            domainSkills, capacity, enabled);
            FormMessages.done("Agent " + saved.extension() + " (" + saved.displayName() + ") saved.");
            return LIST;
        } catch (RuleViolationException e) {
            FormMessages.refused(FORM, onThisForm(e));
            return null;
        } catch (DuplicateEntityException | StaleVersionException | NotPermittedException
                | UnknownEntityException e) {
            FormMessages.refused(FORM, e);
            return null;
        }
    }

    /** The API names a capacity {@code capacity.voice}; this form's input for it is {@code voiceCapacity}. */
    private static RuleViolationException onThisForm(RuleViolationException e) {
        String field = e.field();
        if (field != null && field.startsWith("capacity.")) {
            return new RuleViolationException(field.substring("capacity.".length()) + "Capacity", e.getMessage());
        }
        return e;
    }

    public String disable() {
        try {
            Agent disabled = agents.disable(user.caller(), new AgentId(id));
            FormMessages.done("Agent " + disabled.extension() + " disabled.");
            return LIST;
        } catch (NotPermittedException | UnknownEntityException e) {
            FormMessages.refused(FORM, e);
            return null;
        }
    }

    public String getExtension() {
        return extension;
    }

    public void setExtension(String extension) {
        this.extension = extension;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    /** Write-only: the field is never filled from the server (the password is not kept, only its digests). */
    public String getSipPassword() {
        return null;
    }

    public void setSipPassword(String sipPassword) {
        this.sipPassword = sipPassword;
    }

    public boolean isSipPasswordSet() {
        return sipPasswordSet;
    }

    public List<SkillLevel> getSkills() {
        return skills;
    }

    public void setSkills(List<SkillLevel> skills) {
        this.skills = skills == null ? new ArrayList<>() : new ArrayList<>(skills);
    }

    public Integer getVoiceCapacity() {
        return voiceCapacity;
    }

    public void setVoiceCapacity(Integer voiceCapacity) {
        this.voiceCapacity = voiceCapacity;
    }

    public Integer getChatCapacity() {
        return chatCapacity;
    }

    public void setChatCapacity(Integer chatCapacity) {
        this.chatCapacity = chatCapacity;
    }

    public Integer getCallbackCapacity() {
        return callbackCapacity;
    }

    public void setCallbackCapacity(Integer callbackCapacity) {
        this.callbackCapacity = callbackCapacity;
    }
}
