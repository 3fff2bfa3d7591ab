package org.parley.acd;

import java.util.Optional;

/**
 * The phones allowed to register: the port the SIP services use to look up credentials. The realm is the tenant's
 * SIP domain, so it also picks the tenant.
 */
public interface SipAccounts {

    /** The enabled agent with SIP credentials whose extension is {@code username} in the tenant of {@code realm}. */
    Optional<SipAccount> find(String realm, String username);
}
