package org.parley.web.portal.agents;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.parley.acd.AgentService;
import org.parley.web.portal.SignedInUser;

@Named
@RequestScoped
public class AgentList {

    @EJB
    private AgentService agents;

    @Inject
    private SignedInUser user;

    private List<AgentRow> rows;

    public List<AgentRow> getRows() {
        if (rows == null) {
            rows = agents.list(user.caller()).stream().map(AgentRow::of).toList();
        }
        return rows;
    }
}
