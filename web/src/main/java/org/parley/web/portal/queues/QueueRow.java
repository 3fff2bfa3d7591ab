package org.parley.web.portal.queues;

import org.parley.acd.Queue;

/** One line of the queues list. */
public record QueueRow(long id, String name, String strategy, String serviceLevel, long wrapUpSeconds,
        boolean enabled) {

    static QueueRow of(Queue queue) {
        return new QueueRow(queue.id().value(), queue.name(), queue.strategy().name(),
                queue.serviceLevel().percent() + " % in " + queue.serviceLevel().threshold().toSeconds() + " s",
                queue.wrapUp().toSeconds(), queue.isEnabled());
    }
}
