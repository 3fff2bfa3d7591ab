package org.parley.web.portal.live;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.parley.acd.Queue;
import org.parley.acd.QueueService;
import org.parley.acd.RoutingService;
import org.parley.rule.UnknownEntityException;
import org.parley.web.portal.SignedInUser;

/**
 * The live view of the tenant's enabled queues, read afresh on every request: the page reloads its table every
 * few seconds (see {@code resources/parley/live.js}), or on its Refresh button without JavaScript.
 */
@Named
@RequestScoped
public class LiveQueuesPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @EJB
    private QueueService queues;

    @EJB
    private RoutingService routing;

    @Inject
    private SignedInUser user;

    @Inject
    private Clock clock;

    private List<LiveQueueRow> rows;

    public List<LiveQueueRow> getRows() {
        if (rows == null) {
            rows = queues.list(user.caller()).stream().filter(Queue::isEnabled)
                    .sorted(Comparator.comparing(Queue::name, String.CASE_INSENSITIVE_ORDER)
                            .thenComparing(q -> q.id().value()))
                    .map(this::row).toList();
        }
        return rows;
    }

    /** When the figures were read, on the tenant's wall clock. */
    public String getReadAt() {
        return TIME.format(clock.instant().atZone(user.timeZone()));
    }

    private LiveQueueRow row(Queue queue) {
        try {
            return LiveQueueRow.of(queue.id().value(), queue.name(), routing.live(user.caller(), queue.id()));
        } catch (UnknownEntityException e) {
            // The ACD learns of a new queue from a configuration event, a moment after it is saved.
            return LiveQueueRow.unknown(queue.id().value(), queue.name());
        }
    }
}
