package org.parley.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.parley.time.ManualClock;

class DigestAuthenticatorTest {

    private static final String REALM = "acme.parley.test";
    private static final String URI = "sip:acme.parley.test";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final Map<String, List<Ha1>> stored = Map.of("1001", List.of(
            Ha1.of(DigestAlgorithm.SHA_256, "1001", REALM, "s3cret"),
            Ha1.of(DigestAlgorithm.MD5, "1001", REALM, "s3cret")));
    private final DigestAuthenticator authenticator = new DigestAuthenticator(clock, Duration.ofMinutes(5),
            "test-key-0123456789".getBytes(), (user, realm, algorithm) -> realm.equals(REALM)
            ? stored.getOrDefault(user, List.of()).stream().filter(h -> h.algorithm() == algorithm).findFirst()
            : Optional.empty());

    /** What a phone sends back for a challenge: the Authorization value, computed from its password. */
    private static String authorization(String challenge, String user, String password, String nc, String uri) {
        DigestCredentials offered = DigestCredentials.parse(challenge).orElseThrow();
        DigestAlgorithm algorithm = DigestAlgorithm.fromToken(offered.parameter("algorithm").orElseThrow()).orElseThrow();
        Ha1 ha1 = Ha1.of(algorithm, user, offered.realm(), password);
        String response = DigestResponse.compute(ha1, offered.nonce(), nc, "c0ffee", "auth", "REGISTER", uri);
        return "Digest username=\"" + user + "\", realm=\"" + offered.realm() + "\", nonce=\"" + offered.nonce()
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=" + algorithm.token()
                + ", cnonce=\"c0ffee\", qop=auth, nc=" + nc;
    }

    private DigestVerdict verify(String authorization) {
        return authenticator.verify("REGISTER", URI, REALM, DigestCredentials.parse(authorization).orElseThrow());
    }

    private String sha256Challenge() {
        return authenticator.challenges(REALM, false).get(0);
    }

    @Test
    void challengesOfferSha256ThenMd5WithOneNonceAndQopAuth() {
        List<String> challenges = authenticator.challenges(REALM, false);

        assertEquals(2, challenges.size());
        DigestCredentials first = DigestCredentials.parse(challenges.get(0)).orElseThrow();
        DigestCredentials second = DigestCredentials.parse(challenges.get(1)).orElseThrow();
        assertEquals(Optional.of("SHA-256"), first.parameter("algorithm"));
        assertEquals(Optional.of("MD5"), second.parameter("algorithm"));
        assertEquals(first.nonce(), second.nonce());
        assertFalse(first.nonce().equals(DigestCredentials.parse(sha256Challenge()).orElseThrow().nonce()),
                "two challenges in the same millisecond must not share a nonce");
        assertEquals(Optional.of("auth"), first.parameter("qop"));
        assertEquals(REALM, first.realm());
        assertFalse(challenges.get(0).contains("stale"));
        assertTrue(authenticator.challenges(REALM, true).get(0).endsWith(", stale=true"));
    }

    @Test
    void theRightPasswordAuthenticatesWithEitherAlgorithm() {
        // Separate challenges: the two offers of one challenge share a nonce, and so its nonce count.
        String sha256 = authenticator.challenges(REALM, false).get(0);
        String md5 = authenticator.challenges(REALM, false).get(1);

        assertEquals(new DigestVerdict.Authenticated("1001", DigestAlgorithm.SHA_256),
                verify(authorization(sha256, "1001", "s3cret", "00000001", URI)));
        assertEquals(new DigestVerdict.Authenticated("1001", DigestAlgorithm.MD5),
                verify(authorization(md5, "1001", "s3cret", "00000001", URI)));
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameRejection() {
        DigestVerdict wrongPassword = verify(authorization(sha256Challenge(), "1001", "guess", "00000001", URI));
        DigestVerdict unknownUser = verify(authorization(sha256Challenge(), "9999", "s3cret", "00000001", URI));

        assertEquals(new DigestVerdict.Rejected(DigestVerdict.Reason.BAD_CREDENTIALS), wrongPassword);
        assertEquals(wrongPassword, unknownUser);
    }

    /** Authenticates once on a fresh challenge; every call leaves one more tracked nonce. */
    private void authenticateOnANewNonce() {
        assertEquals(DigestVerdict.Authenticated.class,
                verify(authorization(sha256Challenge(), "1001", "s3cret", "00000001", URI)).getClass());
    }

    @Test
    void nonceCountsPastTheirNonceLifetimeArePrunedOnceTheBarIsReached() {
        for (int i = 0; i < DigestAuthenticator.PRUNE_THRESHOLD - 1; i++) {
            authenticateOnANewNonce();
        }
        clock.advance(Duration.ofMinutes(6));

        authenticateOnANewNonce();
        authenticateOnANewNonce();

        assertEquals(2, authenticator.trackedNonces(), "the expired ones went, the two fresh ones stay");
        assertEquals(DigestAuthenticator.PRUNE_THRESHOLD, authenticator.pruneThreshold());
    }

    @Test
    void withMoreLiveNoncesThanTheBarItRisesInsteadOfScanningOnEveryRequestAndReplaysStayRefused() {
        String first = sha256Challenge();
        assertEquals(DigestVerdict.Authenticated.class,
                verify(authorization(first, "1001", "s3cret", "00000001", URI)).getClass());
        for (int i = 0; i < DigestAuthenticator.PRUNE_THRESHOLD; i++) {
            authenticateOnANewNonce();
        }

        // Every nonce is live, so the prune kept them all and raised the bar to twice as many.
        assertEquals(DigestAuthenticator.PRUNE_THRESHOLD + 1, authenticator.trackedNonces());
        assertEquals(2 * DigestAuthenticator.PRUNE_THRESHOLD, authenticator.pruneThreshold());
        assertEquals(new DigestVerdict.Challenge(true),
                verify(authorization(first, "1001", "s3cret", "00000001", URI)), "a replay is still refused");
    }

    @Test
    void aRisingNonceCountReusesTheNonceAndAReplayedOneIsStale() {
        String challenge = sha256Challenge();

        assertEquals(DigestVerdict.Authenticated.class,
                verify(authorization(challenge, "1001", "s3cret", "00000001", URI)).getClass());
        assertEquals(new DigestVerdict.Challenge(true),
                verify(authorization(challenge, "1001", "s3cret", "00000001", URI)));
        assertEquals(DigestVerdict.Authenticated.class,
                verify(authorization(challenge, "1001", "s3cret", "00000002", URI)).getClass());
    }

    @Test
    void aCorrectResponseOnAnExpiredNonceIsStaleSoThePhoneRetriesWithoutItsUser() {
        String challenge = sha256Challenge();
        clock.advance(Duration.ofMinutes(5));

        assertEquals(new DigestVerdict.Challenge(true),
                verify(authorization(challenge, "1001", "s3cret", "00000001", URI)));
        assertEquals(new DigestVerdict.Rejected(DigestVerdict.Reason.BAD_CREDENTIALS),
                verify(authorization(challenge, "1001", "guess", "00000001", URI)));
    }

    @Test
    void aNonceWeDidNotIssueIsNeverAccepted() {
        String forged = "Digest realm=\"" + REALM + "\", nonce=\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\", algorithm=MD5";

        assertEquals(new DigestVerdict.Challenge(true),
                verify(authorization(forged, "1001", "s3cret", "00000001", URI)));
    }

    @Test
    void aDigestForAnotherUriOrWithoutQopIsRejected() {
        assertEquals(new DigestVerdict.Rejected(DigestVerdict.Reason.URI_MISMATCH),
                verify(authorization(sha256Challenge(), "1001", "s3cret", "00000001", "sip:other.test")));
        String withoutQop = authorization(sha256Challenge(), "1001", "s3cret", "00000001", URI)
                .replace(", qop=auth", "");
        assertEquals(new DigestVerdict.Rejected(DigestVerdict.Reason.MALFORMED), verify(withoutQop));
    }

    @Test
    void anotherRealmOrAnUnofferedAlgorithmIsChallengedAgain() {
        String otherRealm = authorization(sha256Challenge(), "1001", "s3cret", "00000001", URI)
                .replace("realm=\"" + REALM + "\"", "realm=\"other.test\"");
        String sess = authorization(sha256Challenge(), "1001", "s3cret", "00000001", URI)
                .replace("algorithm=SHA-256", "algorithm=SHA-256-sess");

        assertEquals(new DigestVerdict.Challenge(false), verify(otherRealm));
        assertEquals(new DigestVerdict.Challenge(false), verify(sess));
    }
}
