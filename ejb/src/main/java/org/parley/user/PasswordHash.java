package org.parley.user;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import java.util.Objects;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A login password as Parley keeps it: PBKDF2-HMAC-SHA256 over a random salt. This is SCRAM-SHA-256's
 * "salted password" (RFC 5802 §3, RFC 7677), which is what the portal's Elytron jdbc-realm verifies with its
 * {@code scram-mapper}, so the application and the server agree on one format without sharing code.
 */
public record PasswordHash(String hash, String salt, int iterations) {

    /**
     * 210,000 iterations of PBKDF2-HMAC-SHA256 is OWASP's 2023 figure for SHA-256; it costs roughly a tenth of a
     * second on this class of machine, which a login can afford and a guessing attack cannot.
     */
    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    public PasswordHash {
        Objects.requireNonNull(hash);
        Objects.requireNonNull(salt);
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
    }

    public static PasswordHash of(char[] password) {
        return of(password, DEFAULT_ITERATIONS);
    }

    public static PasswordHash of(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return new PasswordHash(b64.encodeToString(derive(password, salt, iterations)), b64.encodeToString(salt),
                iterations);
    }

    /** Constant-time comparison, so the time taken says nothing about how much of a guess was right. */
    public boolean matches(char[] password) {
        byte[] expected = Base64.getDecoder().decode(hash);
        byte[] actual = derive(password, Base64.getDecoder().decode(salt), iterations);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is required of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[pbkdf2-sha256, " + iterations + " iterations]";
    }
}
