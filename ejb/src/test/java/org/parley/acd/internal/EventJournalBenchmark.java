package org.parley.acd.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import org.flywaydb.core.Flyway;
import org.parley.acd.routing.RoutingScenario;
import org.parley.acd.routing.agent.AgentId;
import org.parley.acd.routing.event.RoutingEvent;
import org.parley.acd.routing.interaction.InteractionId;
import org.parley.acd.routing.queue.QueueId;
import org.parley.event.DomainEvent;
import org.parley.event.EventCodec;
import org.parley.event.WriteBehindEventLog;
import org.parley.event.internal.EventRows;
import org.parley.tenant.TenantId;
import org.parley.time.ExecutorScheduler;

/**
 * How fast the write-behind journal persists ACD events into a real database: routing events made by a real
 * {@link org.parley.acd.routing.Router} (a 50-agent queue answering, abandoning and wrapping up), in their event-log
 * form ({@link RoutingEventMapping}), handed to a {@link WriteBehindEventLog} as fast as one producer can, written in
 * its batches with the server's own insert ({@link EventRows}), one transaction per batch over one connection, until
 * the log has caught up. A measuring tool, not a test: it prints events per second and the batch sizes the journal
 * chose, per database, and compares them with the simulated day's 1.27 M events (RoutingSimulationBenchmark).
 *
 * <p>Not included: the publish of each event on the JMS topic that {@code JmsEventLog} does in the same XA
 * transaction (Artemis is not here); only the JSON encoding of those messages is timed on its own.
 *
 * <pre>
 * mvn -q -o -pl ejb -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
 *     -DskipTests
 * java -Xmx1500m -cp "ejb/target/classes:ejb/target/test-classes:$(cat ejb/target/test-classpath.txt)" \
 *      org.parley.acd.internal.EventJournalBenchmark [events [mariadb-url]]
 * </pre>
 * MariaDB is reached as root without a password on 127.0.0.1:3306 by default; the database {@code parley_bench} is
 * created afresh and dropped at the end.
 */
public final class EventJournalBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int DEFAULT_EVENTS = 300_000;
    private static final long EVENTS_PER_SIMULATED_DAY = 1_270_000;
    private static final String MARIADB = "jdbc:mysql://127.0.0.1:3306/";
    private static final String BENCH_DB = "parley_bench";
    /** As the server's H2 datasource (wildfly-config's parley.cli). */
    private static final String H2_OPTIONS = ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";NON_KEYWORDS=VALUE";

    private record Target(String name, String url, String user, String password) {
    }

    private record Run(Target target, int events, Duration took, List<Integer> batches, long failedAttempts,
                       long writerCpuNanos) {
    }

    private EventJournalBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_EVENTS;
        String mariadb = args.length > 1 ? args[1] : MARIADB;
        System.out.println("Parley event journal benchmark");
        line("machine", String.format(Locale.ROOT, "%d CPUs; load average %s; Java %s, max heap %d MB",
                Runtime.getRuntime().availableProcessors(), loadAverage(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20));

        long heapBefore = usedHeap();
        List<DomainEvent> events = routingEvents(count);
        long bytesPerEvent = (usedHeap() - heapBefore) / events.size();
        line("events", String.format(Locale.ROOT, "%,d ACD events from a real router; %s, ~%d bytes each on the heap "
                + "(what a pending event costs the journal)", events.size(), typeMix(events), bytesPerEvent));
        long encodeStart = System.nanoTime();
        long chars = 0;
        for (DomainEvent e : events) {
            chars += EventCodec.toJson(e).length();
        }
        double encodeSeconds = (System.nanoTime() - encodeStart) / 1e9;
        line("JSON encoding for the topic (not written here)", String.format(Locale.ROOT,
                "%,.0f events/s, %d characters each on average", events.size() / encodeSeconds, chars / events.size()));
        System.out.println();

        Path h2Dir = Files.createTempDirectory("parley-bench-h2");
        List<Target> targets = new ArrayList<>(List.of(
                new Target("H2 in memory", "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1" + H2_OPTIONS, "sa", "sa"),
                new Target("H2 file (the default datasource's form)", "jdbc:h2:file:" + h2Dir.resolve("parley")
                        + H2_OPTIONS, "sa", "sa")));
        if (createMariaDb(mariadb)) {
            targets.add(new Target("MariaDB, URL as configured by mysql.cli", mariadb + BENCH_DB, "root", ""));
            targets.add(new Target("MariaDB, rewriteBatchedStatements=true", mariadb + BENCH_DB
                    + "?rewriteBatchedStatements=true", "root", ""));
        }
        List<Run> runs = new ArrayList<>();
        try {
            for (Target target : targets) {
                migrate(target);
                runs.add(run(target, events.subList(0, Math.min(events.size(), 20_000))));
                truncate(target);
                Run measured = run(target, events);
                check(target, events.size());
                truncate(target);
                runs.add(measured);
                print(measured);
            }
        } finally {
            dropMariaDb(mariadb, targets);
        }
    }

    /** Routing events from a real router: customers arrive, ring, are answered or leave, and agents wrap up. */
    private static List<DomainEvent> routingEvents(int count) {
        RoutingScenario s = new RoutingScenario();
        QueueId q = s.queue("billing", b -> b.wrapUp(Duration.ofSeconds(10)));
        List<AgentId> agents = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            agents.add(s.agent("agent-" + i, q));
        }
        TenantId tenant = new TenantId(1);
        List<DomainEvent> mapped = new ArrayList<>(count);
        int customer = 0;
        while (mapped.size() < count) {
            InteractionId call = s.call(q);
            customer++;
            AgentId ringing = agents.stream().filter(s::isRinging).findFirst().orElse(null);
            if (ringing == null || customer % 9 == 0) {
                s.router.customerLeft(call);
            } else if (customer % 13 == 0) {
                s.router.decline(s.ringingAt(ringing).id());
                s.router.customerLeft(call);
            } else {
                s.answer(ringing);
                s.elapseSeconds(1 + customer % 7);
                s.router.complete(call);
            }
            s.elapseSeconds(11);
            for (RoutingEvent e : s.events) {
                mapped.add(RoutingEventMapping.toDomainEvent(tenant, e));
            }
            s.events.clear();
            if (customer % 1_000 == 0) {
                s.router.forgetEnded(Integer.MAX_VALUE);
            }
        }
        return mapped.subList(0, count);
    }

    private static Run run(Target target, List<DomainEvent> events) throws SQLException, InterruptedException {
        List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
        AtomicLong writerCpu = new AtomicLong();
        ExecutorService writerThread = Executors.newSingleThreadExecutor();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (Connection c = DriverManager.getConnection(target.url(), target.user(), target.password())) {
            c.setAutoCommit(false);
            WriteBehindEventLog log = new WriteBehindEventLog(batch -> {
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                try {
                    EventRows.insert(c, batch);
                    c.commit();
                    batches.add(batch.size());
                    writerCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
                } catch (SQLException e) {
                    try {
                        c.rollback();
                    } catch (SQLException rollback) {
                        e.addSuppressed(rollback);
                    }
                    throw new IllegalStateException(e);
                }
            }, writerThread, new ExecutorScheduler(timer, Clock.systemUTC()), Clock.systemUTC(),
                    events.size() + 10);
            long start = System.nanoTime();
            for (DomainEvent e : events) {
                log.append(e);
            }
            if (!log.flush(Duration.ofMinutes(30))) {
                throw new IllegalStateException(target.name() + ": not written within 30 minutes");
            }
            return new Run(target, events.size(), Duration.ofNanos(System.nanoTime() - start), List.copyOf(batches),
                    log.failedAttempts(), writerCpu.get());
        } finally {
            writerThread.shutdownNow();
            timer.shutdownNow();
        }
    }

    private static void print(Run run) {
        double seconds = run.took().toNanos() / 1e9;
        double perSecond = run.events() / seconds;
        List<Integer> sizes = new ArrayList<>(run.batches());
        Collections.sort(sizes);
        int largest = sizes.get(sizes.size() - 1);
        long full = sizes.stream().filter(b -> b == largest).count();
        System.out.println(run.target().name());
        line("  written", String.format(Locale.ROOT, "%,d events in %.1f s: %,.0f events/s", run.events(), seconds,
                perSecond));
        line("  batches", String.format(Locale.ROOT, "%,d; size min %d, median %d, mean %.0f, max %d (%,d at the max)",
                sizes.size(), sizes.get(0), sizes.get(sizes.size() / 2),
                sizes.stream().mapToInt(Integer::intValue).average().orElse(0), sizes.get(sizes.size() - 1), full));
        line("  failed batch attempts", Long.toString(run.failedAttempts()));
        line("  the writer thread's CPU", String.format(Locale.ROOT, "%.1f s: %,.0f events per CPU-second (the"
                + " database's own threads or server not included; the rest of the wall time is waiting for them or"
                + " for a core)", run.writerCpuNanos() / 1e9, run.events() / (run.writerCpuNanos() / 1e9)));
        line("  the simulated day (1.27 M events, 14.7/s on average)", String.format(Locale.ROOT,
                "written in %.0f s, i.e. %.0f× the average rate: %s", EVENTS_PER_SIMULATED_DAY / perSecond,
                perSecond / (EVENTS_PER_SIMULATED_DAY / 86_400.0),
                perSecond > EVENTS_PER_SIMULATED_DAY / 86_400.0 * 10 ? "keeps up with room to spare"
                        : "does NOT keep up with room to spare"));
        System.out.println();
    }

    private static void check(Target target, int expected) throws SQLException {
        try (Connection c = DriverManager.getConnection(target.url(), target.user(), target.password());
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM event_log")) {
            r.next();
            if (r.getLong(1) != expected) {
                throw new IllegalStateException(target.name() + ": " + r.getLong(1) + " rows, expected " + expected);
            }
        }
    }

    private static void migrate(Target target) {
        Flyway.configure().dataSource(target.url(), target.user(), target.password())
                .locations("classpath:db/migration").load().migrate();
    }

    private static void truncate(Target target) throws SQLException {
        try (Connection c = DriverManager.getConnection(target.url(), target.user(), target.password());
             Statement s = c.createStatement()) {
            s.execute("DELETE FROM event_log");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    private static boolean createMariaDb(String server) {
        try (Connection c = DriverManager.getConnection(server, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + BENCH_DB);
            s.execute("CREATE DATABASE " + BENCH_DB + " CHARACTER SET utf8mb4");
            return true;
        } catch (SQLException e) {
            System.out.println("MariaDB at " + server + " is not reachable (" + e.getMessage() + "): skipped");
            return false;
        }
    }

    private static void dropMariaDb(String server, List<Target> targets) {
        if (targets.stream().noneMatch(t -> t.url().startsWith(server))) {
            return;
        }
        try (Connection c = DriverManager.getConnection(server, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + BENCH_DB);
        } catch (SQLException e) {
            System.out.println("could not drop " + BENCH_DB + ": " + e.getMessage());
        }
    }

    private static String typeMix(List<DomainEvent> events) {
        return events.stream().collect(java.util.stream.Collectors.groupingBy(DomainEvent::type,
                        java.util.stream.Collectors.counting())).entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
                .map(e -> e.getKey() + " " + e.getValue() * 100 / events.size() + " %")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void line(String label, String value) {
        System.out.println(String.format("  %-52s %s", label, value));
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
