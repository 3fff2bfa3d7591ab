package org.parley.slee.runtime;

import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

import org.parley.time.ManualClock;
import org.parley.time.ManualScheduler;

/** A SLEE on a manual executor, clock and scheduler, with the probe adaptor added; one per test. */
final class SleeFixture {

    final Journal journal = new Journal();
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final ManualExecutor executor;
    final Slee slee;
    final ProbeAdaptor probe = new ProbeAdaptor(journal);

    SleeFixture() {
        this(new ManualExecutor());
    }

    SleeFixture(ManualExecutor executor) {
        this(executor, UnaryOperator.identity());
    }

    SleeFixture(ManualExecutor executor, UnaryOperator<Slee.Builder> settings) {
        this.executor = executor;
        this.slee = build(executor, settings);
    }

    /** A SLEE on a real executor, for the tests about threads. */
    SleeFixture(Executor executor) {
        this.executor = null;
        this.slee = build(executor, UnaryOperator.identity());
    }

    private Slee build(Executor executor, UnaryOperator<Slee.Builder> settings) {
        Slee built = settings.apply(Slee.builder(executor, clock, scheduler)).build();
        built.addResourceAdaptor(ProbeAdaptor.NAME, probe);
        return built;
    }

    /** Runs everything queued, including what the handlers fire. */
    void settle() {
        executor.runAll();
    }
}
