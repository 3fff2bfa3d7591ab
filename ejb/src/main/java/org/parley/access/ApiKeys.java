package org.parley.access;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Issuing, listing, revoking and checking API keys. */
public interface ApiKeys {

    /**
     * Admins only. The returned secret is shown once and cannot be recovered. A key with role AGENT must name the
     * (enabled) agent it speaks for; a supervisor's key may name one too, for a supervisor who also takes calls.
     */
    ApiKey.Issued issue(Caller caller, String name, org.parley.user.Role role, OptionalLong agent);

    /** A key that speaks for no agent. */
    default ApiKey.Issued issue(Caller caller, String name, org.parley.user.Role role) {
        return issue(caller, name, role, OptionalLong.empty());
    }

    List<ApiKey> list(Caller caller);

    void revoke(Caller caller, ApiKeyId id);

    /** The caller a presented secret stands for, if it is a live key. */
    Optional<Caller> authenticate(String secret);
}
