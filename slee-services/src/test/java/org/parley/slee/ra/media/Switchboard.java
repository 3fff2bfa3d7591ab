package org.parley.slee.ra.media;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.parley.media.control.Bridge;
import org.parley.media.control.BridgeId;
import org.parley.media.control.EndpointId;

/**
 * What the test SBB saw, line by line per activity ("endpoint &lt;id&gt;", "bridge &lt;id&gt;"), and what it created
 * per call leg, so the test can drive the peer. Tests reach it as the caller adaptor's SBB interface, so they share
 * no static state.
 */
final class Switchboard {

    /** Generous: the CI machine has two cores and other builds run beside the tests. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private final Map<String, List<String>> lines = new ConcurrentHashMap<>();
    private final Map<String, AnsweredEndpoint> answered = new ConcurrentHashMap<>();
    private final Map<String, EndpointId> created = new ConcurrentHashMap<>();
    private final Map<String, Bridge> bridges = new ConcurrentHashMap<>();

    static String activity(EndpointId endpoint) {
        return "endpoint " + endpoint;
    }

    static String activity(BridgeId bridge) {
        return "bridge " + bridge;
    }

    void log(String activity, String line) {
        List<String> seen = lines.computeIfAbsent(activity, key -> new ArrayList<>());
        synchronized (seen) {
            seen.add(line);
        }
    }

    List<String> lines(String activity) {
        List<String> seen = lines.getOrDefault(activity, List.of());
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    void created(String leg, EndpointId endpoint) {
        created.put(leg, endpoint);
    }

    void answered(String leg, AnsweredEndpoint endpoint) {
        answered.put(leg, endpoint);
    }

    void bridged(String leg, Bridge bridge) {
        bridges.put(leg, bridge);
    }

    AnsweredEndpoint awaitAnswered(String leg) {
        await(() -> answered.containsKey(leg), "leg " + leg + " answered");
        return answered.get(leg);
    }

    EndpointId awaitCreated(String leg) {
        await(() -> created.containsKey(leg), "an endpoint created for leg " + leg);
        return created.get(leg);
    }

    Optional<Bridge> bridge(String leg) {
        return Optional.ofNullable(bridges.get(leg));
    }

    /** Waits until the activity has seen a line equal to {@code line}. */
    void awaitLine(String activity, String line) {
        await(() -> lines(activity).contains(line), "\"" + line + "\" on " + activity + "; saw " + lines(activity));
    }

    /** Polls the condition until it holds or {@link #PATIENCE} runs out; a failed wait names what it waited for. */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
