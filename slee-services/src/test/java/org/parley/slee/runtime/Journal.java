package org.parley.slee.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the test SBBs saw, in order: they reach it as the probe adaptor's SBB interface, so tests share no static
 * state. Also holds a latch that lets SBBs on different activities wait for each other.
 */
final class Journal {

    private final List<String> lines = new ArrayList<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private Runnable effect;

    synchronized void add(String line) {
        lines.add(line);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized List<String> linesStartingWith(String prefix) {
        return lines.stream().filter(line -> line.startsWith(prefix)).toList();
    }

    /** Marks a handler running for {@code key}; returns how many are running for it now, this one included. */
    int enter(String key) {
        return inFlight.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    void exit(String key) {
        inFlight.get(key).decrementAndGet();
    }

    /** Something a test SBB is to run as an effect of its transaction's commit (as a SIP response is sent). */
    synchronized void onCommit(Runnable effect) {
        this.effect = effect;
    }

    synchronized Runnable takeEffect() {
        Runnable taken = effect;
        effect = null;
        return taken == null ? () -> { } : taken;
    }

    void openGate() {
        gate.countDown();
    }

    boolean awaitGate(Duration timeout) {
        try {
            return gate.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
