package org.parley.sip.registrar;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SIP digest authentication (RFC 7616 with RFC 8760's SHA-256 for SIP), qop=auth only.
 *
 * <p>Nonces are stateless: issue time and random salt plus an HMAC over them and the realm, so a flood of unauthenticated requests
 * costs no memory. State is kept only for nonces that carried a correct response, to check that the nonce count
 * rises (a replayed request is answered with {@code stale=true}, which a real phone survives by retrying and an
 * eavesdropper cannot, lacking HA1). Reusing a nonce with a rising count is what lets a phone refresh its
 * registration in one round trip.
 */
public final class DigestAuthenticator {

    private static final Pattern NONCE_COUNT = Pattern.compile("[0-9a-fA-F]{8}");
    private static final int MAC_BYTES = 16;
    /** Random bytes in each nonce, so phones challenged in the same millisecond never share a nonce count. */
    private static final int SALT_BYTES = 8;
    private static final int NONCE_BYTES = Long.BYTES + SALT_BYTES + MAC_BYTES;
    /**
     * Prune nonce-count state once it holds this many nonces; entries past their nonce's lifetime go. The bar then
     * rises to twice what is left, so a prune scans the map at most once per doubling, not on every request: with
     * more live nonces than the bar (a few seconds of challenges at a thousand a second, each nonce living five
     * minutes) a scan per authentication made each one cost O(live nonces), a fifth of the server's CPU in the SIP
     * benchmark.
     */
    static final int PRUNE_THRESHOLD = 10_000;

    private final Clock clock;
    private final Duration nonceLifetime;
    private final SecretKeySpec key;
    /**
     * One keyed HMAC per thread: {@code Mac.getInstance} and {@code init} on every nonce (issued, then checked twice
     * per call) looked the provider up reflectively each time, about 1.4 % of the server in the SIP benchmark.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    private final DigestSecrets secrets;
    private final List<DigestAlgorithm> offered;
    private final Map<String, NonceUse> nonceCounts = new ConcurrentHashMap<>();
    private final AtomicInteger pruneAt = new AtomicInteger(PRUNE_THRESHOLD);
    private final SecureRandom random = new SecureRandom();

    /**
     * @param secret the HMAC key for nonces; a random one per start is fine, since a phone holding a nonce from
     *               before a restart gets {@code stale=true} and retries
     */
    public DigestAuthenticator(Clock clock, Duration nonceLifetime, byte[] secret, DigestSecrets secrets) {
        this(clock, nonceLifetime, secret, secrets, List.of(DigestAlgorithm.values()));
    }

    /**
     * @param offered the algorithms to challenge with, most preferred first (RFC 8760 §2.4: a UAC uses the topmost
     *                challenge it supports). Many UACs — SIPp 3.6, older hardphones — only look at the first
     *                challenge and give up if it is not MD5, which is why a deployment may put MD5 first.
     */
    public DigestAuthenticator(Clock clock, Duration nonceLifetime, byte[] secret, DigestSecrets secrets,
                               List<DigestAlgorithm> offered) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nonceLifetime = Objects.requireNonNull(nonceLifetime, "nonceLifetime");
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.offered = List.copyOf(offered);
        if (this.offered.isEmpty()) {
            throw new IllegalArgumentException("offer at least one algorithm");
        }
    }

    /**
     * The {@code WWW-Authenticate}/{@code Proxy-Authenticate} values to send, in the offered order (by default
     * SHA-256 first, as RFC 8760 prefers), all with one fresh nonce.
     */
    public List<String> challenges(String realm, boolean stale) {
        String nonce = issueNonce(realm);
        return offered.stream()
                .map(algorithm -> "Digest realm=\"" + quote(realm) + "\", nonce=\"" + nonce + "\", algorithm="
                        + algorithm.token() + ", qop=\"auth\"" + (stale ? ", stale=true" : ""))
                .toList();
    }

    public DigestVerdict verify(String method, String requestUri, String realm, DigestCredentials credentials) {
        if (!realm.equals(credentials.realm())) {
            return new DigestVerdict.Challenge(false);
        }
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(credentials.parameter("algorithm").orElse(null));
        if (algorithm.isEmpty()) {
            return new DigestVerdict.Challenge(false);
        }
        String nc = credentials.parameter("nc").orElse("");
        String cnonce = credentials.parameter("cnonce").orElse(null);
        if (credentials.username() == null || credentials.nonce() == null || credentials.uri() == null
                || credentials.response() == null || cnonce == null || !NONCE_COUNT.matcher(nc).matches()
                || !"auth".equals(credentials.parameter("qop").orElse(null))) {
            return new DigestVerdict.Rejected(DigestVerdict.Reason.MALFORMED);
        }
        if (!credentials.uri().equals(requestUri)) {
            return new DigestVerdict.Rejected(DigestVerdict.Reason.URI_MISMATCH);
        }
        Optional<Ha1> ha1 = secrets.ha1(credentials.username(), realm, algorithm.get());
        if (ha1.isEmpty() || ha1.get().algorithm() != algorithm.get()) {
            return new DigestVerdict.Rejected(DigestVerdict.Reason.BAD_CREDENTIALS);
        }
        String expected = DigestResponse.compute(ha1.get(), credentials.nonce(), nc, cnonce, "auth", method,
                credentials.uri());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                credentials.response().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return new DigestVerdict.Rejected(DigestVerdict.Reason.BAD_CREDENTIALS);
        }
        NonceCheck expiry = nonceExpiry(credentials.nonce(), realm);
        if (expiry.expired()) {
            return new DigestVerdict.Challenge(true);
        }
        if (!advanceNonceCount(credentials.nonce(), Long.parseLong(nc, 16), expiry.expiresAtMillis())) {
            return new DigestVerdict.Challenge(true);
        }
        return new DigestVerdict.Authenticated(credentials.username(), algorithm.get());
    }

    private String issueNonce(String realm) {
        long issued = clock.millis();
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        ByteBuffer nonce = ByteBuffer.allocate(NONCE_BYTES);
        nonce.putLong(issued);
        nonce.put(salt);
        nonce.put(mac(issued, salt, realm));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce.array());
    }

    /** A nonce we did not issue (or issued for another realm) counts as expired: the phone just needs a new one. */
    private NonceCheck nonceExpiry(String nonce, String realm) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return NonceCheck.EXPIRED;
        }
        if (raw.length != NONCE_BYTES) {
            return NonceCheck.EXPIRED;
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw);
        long issued = buffer.getLong();
        byte[] salt = new byte[SALT_BYTES];
        buffer.get(salt);
        byte[] mac = new byte[MAC_BYTES];
        buffer.get(mac);
        if (!MessageDigest.isEqual(mac, mac(issued, salt, realm))) {
            return NonceCheck.EXPIRED;
        }
        long now = clock.millis();
        long expiresAt = issued + nonceLifetime.toMillis();
        if (issued > now || now >= expiresAt) {
            return NonceCheck.EXPIRED;
        }
        return new NonceCheck(false, expiresAt);
    }

    /** Nonces whose count is tracked (for tests). */
    int trackedNonces() {
        return nonceCounts.size();
    }

    /** How many tracked nonces start the next prune (for tests). */
    int pruneThreshold() {
        return pruneAt.get();
    }

    private boolean advanceNonceCount(String nonce, long nc, long expiresAtMillis) {
        if (nonceCounts.size() >= pruneAt.get()) {
            long now = clock.millis();
            nonceCounts.values().removeIf(use -> use.expiresAtMillis() <= now);
            pruneAt.set(Math.max(PRUNE_THRESHOLD, 2 * nonceCounts.size()));
        }
        boolean[] advanced = new boolean[1];
        nonceCounts.compute(nonce, (key, use) -> {
            if (use != null && nc <= use.highestCount()) {
                return use;
            }
            advanced[0] = true;
            return new NonceUse(nc, expiresAtMillis);
        });
        return advanced[0];
    }

    private byte[] mac(long issued, byte[] salt, String realm) {
        Mac mac = macs.get();
        // doFinal leaves the Mac reset for the next use on this thread.
        mac.update(ByteBuffer.allocate(Long.BYTES).putLong(issued).array());
        mac.update(salt);
        mac.update(realm.getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always provides HmacSHA256", e);
        }
    }

    private static String quote(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private record NonceUse(long highestCount, long expiresAtMillis) {
    }

    private record NonceCheck(boolean expired, long expiresAtMillis) {
        static final NonceCheck EXPIRED = new NonceCheck(true, 0);
    }
}
