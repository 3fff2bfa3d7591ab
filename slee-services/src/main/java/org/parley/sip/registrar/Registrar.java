package org.parley.sip.registrar;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The registrar's shared state, which outlives any one REGISTER and so is not SBB state: the location service
 * ({@link BindingTable}), the authenticator with its nonce counts, and the cached credentials. The container binds
 * one in the SLEE environment under {@link #ENVIRONMENT_NAME}, where the registrar SBB finds it.
 */
public final class Registrar {

    public static final String ENVIRONMENT_NAME = "sip/registrar";

    /**
     * Nonces live five minutes: long enough that a phone refreshing every minute or two reuses one nonce (one round
     * trip per refresh), short enough that a captured nonce is soon worthless.
     */
    public static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);

    private final RegistrarPolicy policy;
    private final BindingTable bindings;
    private final DigestAuthenticator authenticator;
    private final CachedDigestSecrets secrets;
    private final AuthenticationThrottle throttle;

    public Registrar(RegistrarPolicy policy, BindingTable bindings, DigestAuthenticator authenticator,
                     CachedDigestSecrets secrets, AuthenticationThrottle throttle) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.bindings = Objects.requireNonNull(bindings, "bindings");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
    }

    /** With the default throttle on the system clock. */
    public Registrar(RegistrarPolicy policy, BindingTable bindings, DigestAuthenticator authenticator,
                     CachedDigestSecrets secrets) {
        this(policy, bindings, authenticator, secrets,
                new AuthenticationThrottle(Clock.systemUTC(), AuthenticationThrottle.Policy.DEFAULT));
    }

    public RegistrarPolicy policy() {
        return policy;
    }

    public BindingTable bindings() {
        return bindings;
    }

    public DigestAuthenticator authenticator() {
        return authenticator;
    }

    public CachedDigestSecrets secrets() {
        return secrets;
    }

    public AuthenticationThrottle throttle() {
        return throttle;
    }
}
