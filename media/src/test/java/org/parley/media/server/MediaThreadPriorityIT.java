package org.parley.media.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

/**
 * The threads a tick's timing depends on (the clock workers and the RTP receive thread) are made at the highest Java
 * priority, also from a thread factory given by the container; the others (events, recording I/O) keep the factory's.
 */
class MediaThreadPriorityIT {

    @Test
    void theClockAndReceiveThreadsRunAtTheHighestPriorityAndTheOthersAtTheFactorysOwn() throws Exception {
        List<Thread> made = new CopyOnWriteArrayList<>();
        ThreadFactory container = r -> {
            Thread t = new Thread(r, "container-" + made.size());
            t.setDaemon(true);
            made.add(t);
            return t;
        };
        int base = 40000 + 2 * ThreadLocalRandom.current().nextInt(5000);
        MediaServerConfig config = MediaServerConfig.defaults().withPorts(base, base + 19);
        try (RtpMediaServer server = RtpMediaServer.start(config, Clock.systemUTC(), container)) {
            // The clock's workers and the receive loop start their threads at once; events and I/O only when used.
            assertEquals(config.workers() + 1, made.size(), "threads started with the server: " + made);
            assertTrue(made.stream().allMatch(t -> t.getPriority() == Thread.MAX_PRIORITY), made::toString);

            server.createEndpoint(event -> { }).close();
            List<Thread> later = made.subList(config.workers() + 1, made.size());
            assertFalse(later.isEmpty(), "closing an endpoint reports it on the events thread");
            assertTrue(later.stream().allMatch(t -> t.getPriority() == Thread.NORM_PRIORITY), later::toString);
        }
    }
}
