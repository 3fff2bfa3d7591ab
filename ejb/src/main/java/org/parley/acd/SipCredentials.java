package org.parley.acd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An agent's SIP password as Parley keeps it: the digest HA1 values, {@code H(username ":" realm ":" password)},
 * for MD5 (RFC 2617 §3.2.2.2) and SHA-256 (RFC 7616 §3.4.2). Digest authentication needs HA1 and nothing more,
 * so the password itself is never stored; the realm is the tenant's SIP domain, so changing the domain means
 * setting the password again.
 */
public record SipCredentials(String ha1Md5, String ha1Sha256) {

    public static SipCredentials derive(String username, String realm, char[] password) {
        String a1 = username + ":" + realm + ":" + new String(password);
        return new SipCredentials(hex("MD5", a1), hex("SHA-256", a1));
    }

    private static String hex(String algorithm, String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "SipCredentials[HA1 set]";
    }
}
