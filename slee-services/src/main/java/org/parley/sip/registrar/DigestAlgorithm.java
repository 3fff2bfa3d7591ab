package org.parley.sip.registrar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The digest algorithms Parley accepts (RFC 8760: SHA-256 preferred, MD5 for older phones). The -sess variants
 * are not offered: their HA1 depends on the client nonce, so it cannot be stored ahead.
 */
public enum DigestAlgorithm {
    SHA_256("SHA-256", "SHA-256"),
    MD5("MD5", "MD5");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The value of the {@code algorithm} parameter. */
    public String token() {
        return token;
    }

    /** A missing {@code algorithm} parameter means MD5 (RFC 7616 §3.3). */
    public static Optional<DigestAlgorithm> fromToken(String token) {
        if (token == null) {
            return Optional.of(MD5);
        }
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.token.equalsIgnoreCase(token.trim())) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** H(data): the lower-case hex digest of the UTF-8 bytes. */
    public String hash(String data) {
        try {
            byte[] digest = MessageDigest.getInstance(jcaName).digest(data.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides " + jcaName, e);
        }
    }
}
