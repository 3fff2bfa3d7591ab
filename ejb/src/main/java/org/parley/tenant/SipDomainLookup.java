package org.parley.tenant;

import java.util.Optional;

/** Which tenant a SIP domain (digest realm) belongs to; for the SIP side's reports, which know only the domain. */
public interface SipDomainLookup {

    Optional<TenantId> tenantOf(String sipDomain);
}
