package org.parley.sip.registrar;

import java.util.Objects;

/**
 * A stored digest secret: HA1 = H(username ":" realm ":" password) for one algorithm. Parley keeps this per realm
 * and algorithm instead of the password, because digest verification needs HA1 and nothing stronger.
 */
public record Ha1(DigestAlgorithm algorithm, String hex) {

    public Ha1 {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
    }

    /** Computes HA1 when an extension's password is set; the password itself is then dropped. */
    public static Ha1 of(DigestAlgorithm algorithm, String username, String realm, String password) {
        return new Ha1(algorithm, algorithm.hash(username + ":" + realm + ":" + password));
    }

    @Override
    public String toString() {
        return "Ha1[" + algorithm + "]";
    }
}
