package org.parley.web.portal.live;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.parley.acd.Queue;
import org.parley.acd.QueueService;
import org.parley.acd.RoutingService;
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
            Map<Long, RoutingService.QueueLive> live = new HashMap<>();
            routing.liveAll(user.caller()).forEach(l -> live.put(l.queue().value(), l));
            rows = queues.list(user.caller()).stream().filter(Queue::isEnabled)
                    .sorted(Comparator.comparing(Queue::name, String.CASE_INSENSITIVE_ORDER)
                            .thenComparing(q -> q.id().value()))
                    .map(q -> row(q, live.get(q.id().value()))).toList();
        }
        return rows;
    }

    /** When the figures were read, on the tenant's wall clock. */
    public String getReadAt() {
        return TIME.format(clock.instant().atZone(user.timeZone()));
    }

    private static LiveQueueRow row(Queue queue, RoutingService.QueueLive live) {
        // The ACD learns of a new queue from a configuration event, a moment after it is saved.
        return live == null ? LiveQueueRow.unknown(queue.id().value(), queue.name())
                : LiveQueueRow.of(queue.id().value(), queue.name(), live);
    }
}
