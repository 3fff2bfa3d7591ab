package org.parley.acd;

import org.parley.tenant.TenantId;

/** What the SIP registrar needs to authenticate a phone: whose it is and the digest HA1 values to check against. */
public record SipAccount(TenantId tenant, AgentId agent, String extension, String realm, SipCredentials credentials) {
}
