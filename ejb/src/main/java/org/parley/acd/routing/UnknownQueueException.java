package org.parley.acd.routing;

import org.parley.acd.routing.queue.QueueId;

/** A command named a queue the router does not know. */
public final class UnknownQueueException extends IllegalArgumentException {

    public UnknownQueueException(QueueId queue) {
        super("unknown queue " + queue);
    }
}
