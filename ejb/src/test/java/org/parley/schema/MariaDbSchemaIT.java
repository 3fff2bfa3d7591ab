package org.parley.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;

import org.flywaydb.core.Flyway;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.access.ApiKey;
import org.parley.acd.Agent;
import org.parley.acd.OpeningSpan;
import org.parley.acd.Queue;
import org.parley.acd.QueueSettings;
import org.parley.acd.RelaxationRule;
import org.parley.acd.routing.queue.OverflowTarget;
import org.parley.acd.routing.queue.RoutingStrategy;
import org.parley.acd.ServiceLevel;
import org.parley.acd.SipCredentials;
import org.parley.acd.Skill;
import org.parley.audit.AuditEntry;
import org.parley.event.DomainEvent;
import org.parley.tenant.Tenant;
import org.parley.user.PasswordHash;
import org.parley.user.Role;
import org.parley.user.User;

/**
 * The migrations and a JPA round trip on the real MariaDB at 127.0.0.1:3306 (root, empty password), in a database
 * made for this run and dropped after it. No MariaDB, no pass: this test fails rather than skips.
 */
class MariaDbSchemaIT {

    private static final Logger LOG = Logger.getLogger(MariaDbSchemaIT.class.getName());
    private static final String SERVER = "jdbc:mysql://127.0.0.1:3306/";
    private static final String DATABASE = "parley_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final String URL = SERVER + DATABASE + "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";

    private static EntityManagerFactory jpa;

    @BeforeAll
    static void freshDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER, "root", ""); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT VERSION()")) {
                rs.next();
                String version = rs.getString(1);
                LOG.info(() -> "MariaDB schema test against server version " + version + ", database " + DATABASE);
                assertTrue(version.toLowerCase().contains("mariadb") || version.matches("[5-9]\\..*"), version);
            }
            s.executeUpdate("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        Flyway flyway = Flyway.configure().dataSource(URL, "root", "").locations("classpath:db/migration").load();
        assertTrue(flyway.migrate().migrationsExecuted >= 1);
        assertEquals(0, flyway.migrate().migrationsExecuted, "migrations are applied once");

        jpa = new Configuration()
                .addAnnotatedClass(Tenant.class).addAnnotatedClass(User.class).addAnnotatedClass(Agent.class)
                .addAnnotatedClass(Queue.class).addAnnotatedClass(ApiKey.class).addAnnotatedClass(AuditEntry.class)
                .setProperty("hibernate.connection.url", URL)
                .setProperty("hibernate.connection.username", "root")
                .setProperty("hibernate.connection.password", "")
                .setProperty("hibernate.jdbc.time_zone", "UTC")
                // MariaDB says "MySQL 5.5.5-10.x" on the wire; name it so Hibernate picks MariaDBDialect (notes).
                .setProperty("jakarta.persistence.database-product-name", "MariaDB")
                .setProperty("jakarta.persistence.database-major-version", "10")
                .setProperty("jakarta.persistence.database-minor-version", "11")
                .setProperty("hibernate.hbm2ddl.auto", "validate")
                .buildSessionFactory();
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (jpa != null) {
            jpa.close();
        }
        try (Connection c = DriverManager.getConnection(SERVER, "root", ""); Statement s = c.createStatement()) {
            // A test that failed mid-transaction may still hold a metadata lock: fail the drop rather than hang.
            s.execute("SET SESSION lock_wait_timeout = 10");
            s.executeUpdate("DROP DATABASE IF EXISTS " + DATABASE);
        }
    }

    @Test
    void storesAndReadsBackTheDirectory() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EntityManager em = jpa.createEntityManager();
        em.getTransaction().begin();
        Tenant tenant = new Tenant("acme", "acme.example", ZoneId.of("Europe/Paris"), now);
        em.persist(tenant);
        em.flush();
        User admin = new User(tenant.id(), "ann@acme", "Ann", "ann@acme.example", Role.ADMIN,
                PasswordHash.of("a long admin password".toCharArray(), 1000), now);
        em.persist(admin);
        Agent agent = new Agent(tenant.id(), "1001", "Bob", now);
        agent.setSipPassword(tenant.sipDomain(), "sip-secret-123".toCharArray());
        agent.replaceSkills(List.of(new Skill("english", 8), new Skill("billing", 3)));
        agent.changeCapacity(new org.parley.acd.ChannelLimits(1, 5, 0));
        em.persist(agent);
        em.persist(new Queue(tenant.id(), "Sales", RoutingStrategy.SKILLS_WEIGHTED,
                new ServiceLevel(80, Duration.ofSeconds(20)), Duration.ofSeconds(30), now));
        em.persist(AuditEntry.of(DomainEvent.of(tenant.id(), now, "AgentCreated", "agent", 1, "ann@acme",
                java.util.Map.of("extension", "1001")), now));
        em.getTransaction().commit();
        em.close();

        EntityManager read = jpa.createEntityManager();
        read.getTransaction().begin();
        Agent stored = read.createQuery("SELECT a FROM Agent a WHERE a.extension = '1001'", Agent.class)
                .getSingleResult();
        assertEquals("Bob", stored.displayName());
        assertEquals(List.of(new Skill("billing", 3), new Skill("english", 8)), stored.skills());
        assertEquals(new org.parley.acd.ChannelLimits(1, 5, 0), stored.capacity());
        assertEquals(SipCredentials.derive("1001", "acme.example", "sip-secret-123".toCharArray()),
                stored.sipCredentials());
        // mysql-connector-j sends whole seconds to MariaDB: MariaDB announces itself as "5.5.5-10.x", and the
        // driver only sends fractional seconds to servers from 5.6.4 on. Instants survive in UTC to the second.
        assertEquals(now.truncatedTo(ChronoUnit.SECONDS), stored.createdAt().truncatedTo(ChronoUnit.SECONDS));
        User storedAdmin = read.createQuery("SELECT u FROM User u WHERE u.username = 'ann@acme'", User.class)
                .getSingleResult();
        assertTrue(storedAdmin.password().matches("a long admin password".toCharArray()));
        Queue sales = read.createQuery("SELECT q FROM Queue q WHERE q.name = 'Sales'", Queue.class).getSingleResult();
        assertEquals(new ServiceLevel(80, Duration.ofSeconds(20)), sales.serviceLevel());
        assertEquals(ZoneId.of("Europe/Paris"), read.find(Tenant.class, tenant.id().value()).timeZone());
        read.getTransaction().commit();
        read.close();
    }

    @Test
    void queuePoliciesSurviveARoundTrip() {
        Instant now = Instant.now();
        EntityManager em = jpa.createEntityManager();
        em.getTransaction().begin();
        Tenant tenant = new Tenant("policies-" + UUID.randomUUID(), UUID.randomUUID() + ".example", ZoneId.of("UTC"),
                now);
        em.persist(tenant);
        em.flush();
        Queue target = new Queue(tenant.id(), "Overflow", RoutingStrategy.LONGEST_IDLE,
                new ServiceLevel(80, Duration.ofSeconds(20)), Duration.ofSeconds(10), now);
        em.persist(target);
        em.flush();
        Queue queue = new Queue(tenant.id(), "Support", RoutingStrategy.LONGEST_IDLE,
                new ServiceLevel(80, Duration.ofSeconds(20)), Duration.ofSeconds(10), now);
        QueueSettings settings = new QueueSettings(20, 2, java.util.Optional.of(90), java.util.Optional.of(5),
                java.util.Optional.of(OverflowTarget.Kind.QUEUE), java.util.Optional.of(target.id()),
                List.of(new RelaxationRule(30, 3), new RelaxationRule(60, 1)), java.util.Optional.of(15), 1,
                java.util.Optional.of(9), 2, true, 200, 5, 120,
                List.of(new OpeningSpan(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 30)),
                        new OpeningSpan(DayOfWeek.MONDAY, LocalTime.of(13, 30), LocalTime.of(23, 59, 59))),
                java.util.Set.of(LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 1)));
        queue.configure(settings);
        em.persist(queue);
        em.getTransaction().commit();
        em.close();

        EntityManager read = jpa.createEntityManager();
        assertEquals(settings, read.find(Queue.class, queue.id().value()).settings());
        assertEquals(QueueSettings.defaults(), read.find(Queue.class, target.id().value()).settings());
        read.close();
    }

    @Test
    void aStaleUpdateLosesToTheOneBeforeIt() {
        Instant now = Instant.now();
        EntityManager setup = jpa.createEntityManager();
        setup.getTransaction().begin();
        Tenant tenant = new Tenant("stale-" + UUID.randomUUID(), UUID.randomUUID() + ".example", ZoneId.of("UTC"), now);
        setup.persist(tenant);
        setup.flush();
        Agent agent = new Agent(tenant.id(), "2001", "Carol", now);
        setup.persist(agent);
        setup.getTransaction().commit();
        long id = agent.id().value();
        setup.close();

        EntityManager first = jpa.createEntityManager();
        EntityManager second = jpa.createEntityManager();
        first.getTransaction().begin();
        second.getTransaction().begin();
        Agent mine = first.find(Agent.class, id);
        Agent theirs = second.find(Agent.class, id);
        mine.rename("Carol One");
        first.getTransaction().commit();
        theirs.rename("Carol Two");
        PersistenceException lost = assertThrows(PersistenceException.class, () -> second.getTransaction().commit());
        assertTrue(lost instanceof OptimisticLockException || lost.getCause() instanceof OptimisticLockException,
                String.valueOf(lost));
        if (second.getTransaction().isActive()) {
            second.getTransaction().rollback();
        }
        first.close();
        second.close();

        EntityManager check = jpa.createEntityManager();
        check.getTransaction().begin();
        assertEquals("Carol One", check.find(Agent.class, id).displayName());
        check.getTransaction().commit();
        check.close();
    }

    @Test
    void extensionsAreUniquePerTenant() {
        Instant now = Instant.now();
        EntityManager em = jpa.createEntityManager();
        try {
            em.getTransaction().begin();
            Tenant tenant = new Tenant("dup-" + UUID.randomUUID(), UUID.randomUUID() + ".example", ZoneId.of("UTC"),
                    now);
            em.persist(tenant);
            em.persist(new Agent(tenant.id(), "3001", "Dan", now));
            em.flush();
            assertThrows(PersistenceException.class, () -> {
                em.persist(new Agent(tenant.id(), "3001", "Dan again", now));
                em.flush();
            });
        } finally {
            em.getTransaction().rollback();
            em.close();
        }
    }

    @Test
    void theCdrProjectionsRowsReadBackOnMariaDb() throws SQLException {
        com.mysql.cj.jdbc.MysqlDataSource dataSource = new com.mysql.cj.jdbc.MysqlDataSource();
        dataSource.setURL(URL);
        dataSource.setUser("root");
        dataSource.setPassword("");
        org.parley.tenant.TenantId tenant = org.parley.cdr.internal.CallDetailRecordRowsTest.tenant(dataSource);
        // Whole seconds: see storesAndReadsBackTheDirectory.
        org.parley.cdr.internal.CallDetailRecordRowsTest.assertStepsReadBack(
                org.parley.cdr.internal.CallDetailRecordRowsTest.repository(dataSource), tenant, 1_000);
    }
}
