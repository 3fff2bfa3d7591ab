package org.parley.user;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Provider;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.ScramDigestPassword;
import org.wildfly.security.password.spec.IteratedSaltedHashPasswordSpec;

class PasswordHashTest {

    private static final Provider ELYTRON = WildFlyElytronPasswordProvider.getInstance();

    @Test
    void matchesOnlyTheRightPassword() {
        PasswordHash hash = PasswordHash.of("correct horse battery".toCharArray(), 1000);
        assertTrue(hash.matches("correct horse battery".toCharArray()));
        assertFalse(hash.matches("correct horse batterY".toCharArray()));
    }

    @Test
    void saltsEveryHash() {
        PasswordHash a = PasswordHash.of("same password!".toCharArray(), 1000);
        PasswordHash b = PasswordHash.of("same password!".toCharArray(), 1000);
        assertNotEquals(a.salt(), b.salt());
        assertNotEquals(a.hash(), b.hash());
    }

    /** The portal's login is verified by Elytron's scram-sha-256 mapper: it must accept what Parley stores. */
    @Test
    void elytronScramSha256VerifiesTheStoredHash() throws Exception {
        PasswordHash stored = PasswordHash.of("portal password 1".toCharArray(), 4096);
        PasswordFactory factory = PasswordFactory.getInstance(ScramDigestPassword.ALGORITHM_SCRAM_SHA_256, ELYTRON);
        ScramDigestPassword password = (ScramDigestPassword) factory.generatePassword(new IteratedSaltedHashPasswordSpec(
                Base64.getDecoder().decode(stored.hash()), Base64.getDecoder().decode(stored.salt()),
                stored.iterations()));
        assertTrue(factory.verify(password, "portal password 1".toCharArray()));
        assertFalse(factory.verify(password, "portal password 2".toCharArray()));
        assertArrayEquals(Base64.getDecoder().decode(stored.hash()), password.getDigest());
    }

    @Test
    void doesNotRevealTheHashWhenPrinted() {
        PasswordHash hash = PasswordHash.of("printed password".toCharArray(), 1000);
        assertFalse(hash.toString().contains(hash.hash()));
    }
}
