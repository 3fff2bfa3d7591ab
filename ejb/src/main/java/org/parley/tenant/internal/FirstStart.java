package org.parley.tenant.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.parley.tenant.TenantRepository;
import org.parley.tenant.TenantService;

/**
 * On the very first start (no tenant yet) creates the default tenant and its administrator with a generated
 * password written to {@code <data dir>/initial-admin-password} (owner-only; the run script prints it), so no
 * installation shares a known password.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class FirstStart {

    private static final Logger LOG = Logger.getLogger(FirstStart.class.getName());
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Inject
    private TenantRepository tenants;

    @EJB
    private TenantService tenantService;

    @Inject
    @ConfigProperty(name = "parley.default-tenant.sip-domain", defaultValue = "127.0.0.1")
    private String sipDomain;

    @Inject
    @ConfigProperty(name = "parley.admin.username", defaultValue = "admin")
    private String adminName;

    @PostConstruct
    void bootstrap() {
        if (tenants.count() > 0) {
            return;
        }
        char[] password = generatePassword();
        tenantService.provision("default", sipDomain, ZoneId.of("UTC"), adminName, password);
        Path file = DataDirectory.path().resolve("initial-admin-password");
        // The password goes to an owner-only file, not the log: logs are shipped and kept where passwords must not be.
        // Only if the file cannot be written is the log the last way to hand the password over.
        if (writeOwnerOnly(file, new String(password))) {
            LOG.warning(() -> "First start: created tenant 'default' and administrator '" + adminName
                    + "'; the generated password is in " + file + ". Log in and change it.");
        } else {
            LOG.warning(() -> "First start: created tenant 'default' and administrator '" + adminName
                    + "' with password " + new String(password) + " (could not write " + file
                    + "). Log in and change it.");
        }
    }

    private static char[] generatePassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[20];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return password;
    }

    private static boolean writeOwnerOnly(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content + System.lineSeparator(), StandardOpenOption.TRUNCATE_EXISTING);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warning(() -> "could not write " + file + ": " + e);
            return false;
        }
    }
}
