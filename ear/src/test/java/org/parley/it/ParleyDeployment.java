package org.parley.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.parley.it.support.TenantFixtureServlet;

/** The EAR the build produced, and facts about the server the tests run it on (ports, data directory). */
public final class ParleyDeployment {

    private ParleyDeployment() {
    }

    /** The packaged EAR exactly as users get it. */
    public static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, Path.of(property("parley.ear")).toFile());
    }

    /** The EAR plus {@code it-support.war}, the fixtures the tests use to set up tenants and inject faults. */
    public static EnterpriseArchive earWithTestSupport() {
        WebArchive support = ShrinkWrap.create(WebArchive.class, "it-support.war")
                .addPackage(TenantFixtureServlet.class.getPackage())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        return ear().addAsModule(support);
    }

    /** {@code http://127.0.0.1:8180}: the test server's HTTP base URL. */
    public static String http() {
        return property("parley.it.http");
    }

    public static String https() {
        return property("parley.it.https");
    }

    /**
     * The generated first-start admin password: the test server's data directory is fresh per build, so the first
     * deployment creates it; later deployments in the same run find the same file.
     */
    public static String adminPassword() {
        Path file = Path.of(property("parley.it.data"), "parley", "initial-admin-password");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!Files.exists(file) && Instant.now().isBefore(deadline)) {
            pause();
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("no first-start admin password at " + file, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set (run through Maven failsafe)");
        }
        return value;
    }
}
