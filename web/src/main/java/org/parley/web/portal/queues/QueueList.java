package org.parley.web.portal.queues;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.parley.acd.QueueService;
import org.parley.web.portal.SignedInUser;

@Named
@RequestScoped
public class QueueList {

    @EJB
    private QueueService queues;

    @Inject
    private SignedInUser user;

    private List<QueueRow> rows;

    public List<QueueRow> getRows() {
        if (rows == null) {
            rows = queues.list(user.caller()).stream().map(QueueRow::of).toList();
        }
        return rows;
    }
}
