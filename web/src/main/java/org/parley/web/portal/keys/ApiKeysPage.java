package org.parley.web.portal.keys;

import java.io.Serializable;
import java.util.List;
import java.util.OptionalLong;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.parley.access.ApiKey;
import org.parley.access.ApiKeyId;
import org.parley.access.ApiKeys;
import org.parley.access.NotPermittedException;
import org.parley.acd.Agent;
import org.parley.acd.AgentService;
import org.parley.rule.RuleViolationException;
import org.parley.rule.UnknownEntityException;
import org.parley.user.Role;
import org.parley.web.portal.FormMessages;
import org.parley.web.portal.agents.AgentChoices;
import org.parley.web.portal.SignedInUser;

/**
 * Issuing and revoking API keys. A new key's secret exists in clear only in the response to the POST that issued
 * it: it is rendered into that page and dropped from the view by the next action, and the page is never cached.
 */
@Named
@ViewScoped
public class ApiKeysPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "issue";

    @EJB
    private ApiKeys keys;

    @EJB
    private AgentService agents;

    @Inject
    private SignedInUser user;

    private String name;
    private Role role = Role.SUPERVISOR;
    private Long agentId;
    private transient List<Agent> agentChoices;
    private transient String issuedSecret;
    private String issuedName;
    private transient List<ApiKeyRow> rows;

    public List<ApiKeyRow> getRows() {
        if (rows == null) {
            rows = keys.list(user.caller()).stream().map(ApiKeyRow::of).toList();
        }
        return rows;
    }

    public void issue() {
        forgetSecret();
        try {
            ApiKey.Issued issued = keys.issue(user.caller(), name, role,
                    agentId == null ? OptionalLong.empty() : OptionalLong.of(agentId));
            issuedSecret = issued.secret();
            issuedName = issued.key().name();
            name = null;
            agentId = null;
            rows = null;
        } catch (RuleViolationException | NotPermittedException e) {
            FormMessages.refused(FORM, e);
        }
    }

    public void revoke(ApiKeyRow row) {
        forgetSecret();
        try {
            keys.revoke(user.caller(), new ApiKeyId(row.id()));
            FormMessages.said("API key " + row.name() + " (" + row.prefix() + ") revoked.");
            rows = null;
        } catch (NotPermittedException | UnknownEntityException e) {
            FormMessages.refused(FORM, e);
        }
    }

    private void forgetSecret() {
        issuedSecret = null;
        issuedName = null;
    }

    /** The enabled agents a key can speak for, by extension. */
    public List<Agent> getAgents() {
        if (agentChoices == null) {
            agentChoices = AgentChoices.of(agents, user.caller(), null);
        }
        return agentChoices;
    }

    public Long getAgentId() {
        return agentId;
    }

    public void setAgentId(Long agentId) {
        this.agentId = agentId;
    }

    public List<Role> getRoles() {
        return List.of(Role.values());
    }

    public String getIssuedSecret() {
        return issuedSecret;
    }

    public String getIssuedName() {
        return issuedName;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }
}
