package org.parley.sip.registrar;

import java.util.Optional;

/**
 * Where the authenticator finds an extension's HA1: the agents' stored digest values (the database, behind the
 * {@code ejb} module). The realm is the tenant's SIP domain, so it also selects the tenant.
 */
@FunctionalInterface
public interface DigestSecrets {

    Optional<Ha1> ha1(String username, String realm, DigestAlgorithm algorithm);
}
