package org.parley.access;

import java.util.List;
import java.util.Optional;

/** Issuing, listing, revoking and checking API keys. */
public interface ApiKeys {

    /** Admins only. The returned secret is shown once and cannot be recovered. */
    ApiKey.Issued issue(Caller caller, String name, org.parley.user.Role role);

    List<ApiKey> list(Caller caller);

    void revoke(Caller caller, ApiKeyId id);

    /** The caller a presented secret stands for, if it is a live key. */
    Optional<Caller> authenticate(String secret);
}
