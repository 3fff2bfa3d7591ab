package org.parley.acd.routing;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.parley.acd.routing.SimulatedDay.Call;
import org.parley.acd.routing.SimulatedDay.CallTimes;
import org.parley.acd.routing.SimulatedDay.Outcome;
import org.parley.acd.routing.SimulatedDay.QueueDay;
import org.parley.acd.routing.event.RoutingEventType;

/**
 * The ACD simulation benchmark: a {@link SimulatedDay} of 500 agents (by default 24 simulated hours, seed 42) with
 * every routing invariant checked after every step, timing only what happens inside the {@link Router}. A measuring
 * tool, not a test: it prints a table of figures, and exits with status 1 if an invariant breaks or the KPI report
 * disagrees with the router. Goal: at least 10,000 routing decisions per second on 2 cores, with p99 latency under
 * 5 ms.
 *
 * <p>What is measured: each router command the simulation sends (arrivals, answers, declines, hang-ups, callbacks,
 * agents going ready, logging in and out, losing their phone, pausing) and each timer the router set for itself
 * (ring timeouts, wrap-up ends, maximum waits, relaxation steps, callback retries), with {@link System#nanoTime()}
 * around the router call alone. All of them but pauses end with a routing pass over every waiting customer (a
 * maximum-wait timer that finds its customer ringing only marks it), so each counts as one routing decision; "offers
 * decided" counts the interactions those decisions actually offered to someone. The router's events are collected
 * during the call and handled after it, so the simulation's bookkeeping, the KPI projections and the invariant checks
 * (which take most of the wall time) are not in the figures. A warm-up hour with another seed runs first so that the
 * measured day sees compiled code.
 *
 * <p>Run it from the repository root. The routing core is plain Java, so the compiled classes are the whole
 * classpath:
 * <pre>
 * mvn -q -o install -pl db -am -DskipTests     # once: ejb needs parley-db in the local repository
 * mvn -q -o -f ejb test-compile
 * java -cp ejb/target/classes:ejb/target/test-classes \
 *      org.parley.acd.routing.RoutingSimulationBenchmark [seed [hours [agents]]]
 * </pre>
 * A 24-hour day takes six to seven minutes on 2 cores, nine tenths of it in the checks, which also cause nearly
 * all of the allocation: the garbage collections they trigger land inside some router calls and set the maximum
 * latency. The machine's load average is printed with the figures because other work on a small machine changes
 * them; the CPU-time rate beside the wall-time one shows what the router costs regardless.
 */
public final class RoutingSimulationBenchmark {

    private static final long DEFAULT_SEED = 42;
    private static final int DEFAULT_HOURS = 24;
    private static final int DEFAULT_AGENTS = 500;
    private static final double GOAL_DECISIONS_PER_SECOND = 10_000;
    private static final long GOAL_P99_NANOS = 5_000_000;
    private static final Duration WARM_UP = Duration.ofHours(1);

    private RoutingSimulationBenchmark() {
    }

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_SEED;
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_HOURS;
        int agents = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_AGENTS;
        String loadBefore = loadAverage();
        try {
            long warmUpStart = System.nanoTime();
            new SimulatedDay(new SimulatedDay.Settings(seed + 1, agents, WARM_UP)).run();
            Duration warmUp = Duration.ofNanos(System.nanoTime() - warmUpStart);

            long gcCountBefore = gcCount();
            long gcMillisBefore = gcMillis();
            long start = System.nanoTime();
            Outcome outcome = new SimulatedDay(new SimulatedDay.Settings(seed, agents, Duration.ofHours(hours))).run();
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            print(outcome, warmUp, wall, gcCount() - gcCountBefore, gcMillis() - gcMillisBefore, loadBefore,
                    loadAverage());
        } catch (SimulatedDay.BrokenInvariantException e) {
            System.err.println("BROKEN: " + e.getMessage());
            // where in the router a refused command failed is what a bug report needs
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                System.err.println("  caused by " + cause);
                for (StackTraceElement frame : cause.getStackTrace()) {
                    System.err.println("    at " + frame);
                }
            }
            System.exit(1);
        }
    }

    private static void print(Outcome o, Duration warmUp, Duration wall, long gcs, long gcMillis, String loadBefore,
                              String loadAfter) {
        CallTimes routing = o.routing();
        long[] all = routing.sorted(null);
        double routingSeconds = routing.totalNanos() / 1e9;
        double decisionsPerSecond = routing.count() / routingSeconds;
        long p99 = CallTimes.percentile(all, 99);
        double hours = o.settings().length().toSeconds() / 3600.0;

        System.out.println("Parley ACD routing simulation benchmark");
        line("run", String.format("seed %d, %s simulated hours, %d agents; warm-up %s simulated hour (seed %d) took %s",
                o.settings().seed(), trim(hours), o.settings().agents(), trim(WARM_UP.toMinutes() / 60.0),
                o.settings().seed() + 1, seconds(warmUp.toNanos())));
        line("machine", String.format("%d CPUs; load average (1/5/15 min) %s before, %s after; Java %s, max heap %d MB",
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter,
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20));
        System.out.println();

        System.out.println("The simulated day");
        line("agents: voice only / chat only / blended",
                o.voiceAgents() + " / " + o.chatAgents() + " / " + o.blendedAgents());
        line("arrived: calls / chats", n(o.callsArrived()) + " / " + n(o.chatsArrived()));
        line("offers: made / accepted / declined / rang out / withdrawn",
                n(o.count(RoutingEventType.INTERACTION_OFFERED)) + " / " + n(o.count(RoutingEventType.OFFER_ACCEPTED))
                        + " / " + n(o.count(RoutingEventType.OFFER_DECLINED)) + " / "
                        + n(o.count(RoutingEventType.OFFER_TIMED_OUT)) + " / "
                        + n(o.count(RoutingEventType.OFFER_CANCELLED)));
        line("completed / abandoned / overflowed", n(o.count(RoutingEventType.INTERACTION_COMPLETED)) + " / "
                + n(o.count(RoutingEventType.INTERACTION_ABANDONED)) + " / "
                + n(o.count(RoutingEventType.INTERACTION_OVERFLOWED)));
        line("callbacks: requested / placed / not answered / failed",
                n(o.count(RoutingEventType.CALLBACK_REQUESTED)) + " / " + n(o.count(RoutingEventType.PLACE_CALLBACK))
                        + " / " + n(o.count(RoutingEventType.CALLBACK_NOT_ANSWERED)) + " / "
                        + n(o.count(RoutingEventType.CALLBACK_FAILED)));
        line("pauses by reason", o.pausesByReason().entrySet().stream()
                .map(e -> e.getKey() + " " + n(e.getValue())).collect(Collectors.joining(", ")));
        line("agent occupancy while open", String.format(Locale.ROOT, "%.1f %% (handling ÷ (handling + idle), "
                + "from the event-fed projection)", o.occupancy() * 100));
        line("drain after closing", String.format("%s of simulated time; %d customers nobody could serve gave up",
                clock(o.drained()), o.gaveUpAtDrainEnd()));
        line("router memory: held at the busiest minute", footprint(o.peakFootprint()));
        line("router memory: held at the end of the day", footprint(o.endFootprint()) + "; "
                + n(o.forgotten()) + " ended interactions forgotten after " + o.settings().retention().toMinutes()
                + " min");
        line("checks passed", n(o.invariantChecks()) + " invariant checks (each with a clean reconciler pass), "
                + n(o.liveViewChecks()) + " live-view checks, report = router for every queue");
        System.out.println();
        System.out.println(String.format("  %-8s %-26s %8s %8s %9s %6s %10s %7s %8s",
                "queue", "strategy", "offered", "answered", "abandoned", "short", "overflowed", "SL", "ASA"));
        for (QueueDay q : o.queues()) {
            System.out.println(String.format(Locale.ROOT, "  %-8s %-26s %8d %8d %9d %6d %10d %6.1f%% %7.1fs",
                    q.queue(), q.strategy(), q.offered(), q.answered(), q.abandoned(), q.shortAbandons(),
                    q.overflowed(), q.serviceLevel() * 100, q.averageSpeedOfAnswer().toMillis() / 1000.0));
        }
        System.out.println();

        System.out.println("Inside the router (System.nanoTime() around each router call alone)");
        line("routing decisions (calls that route)", n(routing.count()) + " in " + seconds(routing.totalNanos()));
        line("routing decisions per second", String.format(Locale.ROOT, "%,.0f   (goal ≥ %,.0f: %s)",
                decisionsPerSecond, GOAL_DECISIONS_PER_SECOND, decisionsPerSecond >= GOAL_DECISIONS_PER_SECOND
                        ? "met" : "NOT met"));
        line("  the same per second of the thread's CPU time", String.format(Locale.ROOT,
                "%,.0f   (%s of CPU in %s of wall time: the difference is waiting for a core)",
                routing.count() / (routing.cpuNanos() / 1e9), seconds(routing.cpuNanos()),
                seconds(routing.totalNanos())));
        line("offers decided per second", String.format(Locale.ROOT, "%,.0f   (%s interactions offered)",
                o.offerDecisions() / routingSeconds, n(o.offerDecisions())));
        line("latency p50 / p90 / p99 / p99.9 / max", micros(CallTimes.percentile(all, 50)) + " / "
                + micros(CallTimes.percentile(all, 90)) + " / " + micros(p99) + " / "
                + micros(CallTimes.percentile(all, 99.9)) + " / " + micros(all.length == 0 ? 0 : all[all.length - 1])
                + "   (goal p99 < " + micros(GOAL_P99_NANOS) + ": " + (p99 < GOAL_P99_NANOS ? "met" : "NOT met") + ")");
        System.out.println(String.format("  %-22s %10s %10s %10s %10s", "by call", "count", "mean", "p99", "max"));
        for (Call kind : Call.values()) {
            CallTimes times = kind.routes ? routing : o.other();
            long[] sorted = times.sorted(kind);
            if (sorted.length > 0) {
                long sum = 0;
                for (long t : sorted) {
                    sum += t;
                }
                System.out.println(String.format("  %-22s %10s %10s %10s %10s", kind.name().toLowerCase(Locale.ROOT)
                                + (kind.routes ? "" : " (no routing)"), n(sorted.length), micros(sum / sorted.length),
                        micros(CallTimes.percentile(sorted, 99)), micros(sorted[sorted.length - 1])));
            }
        }
        line("wall time of the day / inside the router", seconds(wall.toNanos()) + " / "
                + seconds(routing.totalNanos() + o.other().totalNanos()) + " (the rest: simulation and checks)");
        line("garbage collection during the day", gcs + " collections, " + gcMillis + " ms");
        System.out.println();

        System.out.println("Events");
        long events = o.eventCount();
        line("RoutingEvents emitted", String.format(Locale.ROOT,
                "%s (%s per simulated 24 h, %.1f per routing decision)",
                n(events), n(Math.round(events * 24 / hours)), (double) events / routing.count()));
        line("persistence", "measured apart, events written behind into H2 and MariaDB: EventJournalBenchmark");
        line("by type", o.events().entrySet().stream().sorted(Map.Entry.<RoutingEventType, Long>comparingByValue()
                .reversed()).map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + n(e.getValue()))
                .collect(Collectors.joining(", ")));
    }

    private static String footprint(Router.Footprint f) {
        return n(f.interactions()) + " interactions (" + n(f.live()) + " live, " + n(f.ended())
                + " ended waiting out the retention), " + n(f.offers()) + " offers";
    }

    private static void line(String label, String value) {
        System.out.println(String.format("  %-52s %s", label, value));
    }

    private static String n(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String micros(long nanos) {
        return nanos >= 1_000_000 ? String.format(Locale.ROOT, "%.2f ms", nanos / 1e6)
                : String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
    }

    private static String clock(Duration d) {
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    /** The 1, 5 and 15 minute load averages on Linux; the 1-minute one elsewhere. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }
}
