package org.parley.sip.registrar;

import java.text.ParseException;
import java.time.Duration;
import java.util.ListIterator;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import javax.sip.InvalidArgumentException;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.message.SIPRequest;

import org.parley.slee.ra.sip.SleeSipProvider;

/**
 * Digest authentication of one SIP request at Parley, shared by the registrar (REGISTER: 401 with
 * {@code WWW-Authenticate}, RFC 3261 §22.2) and call control (INVITE: 407 with {@code Proxy-Authenticate}, §22.3).
 * Both use the {@link Registrar}'s authenticator and cached secrets, so a phone's nonce and the realm (the tenant's
 * SIP domain) mean the same whichever request it answers.
 */
public final class RequestAuthentication {

    /** Which of the two challenge exchanges of RFC 3261 §22 the request takes part in. */
    public enum Challenger {
        /** A registrar or UAS: 401, {@code WWW-Authenticate}, {@code Authorization}. */
        REGISTRAR(Response.UNAUTHORIZED, "WWW-Authenticate", "Authorization"),
        /** A proxy, or a B2BUA acting as one for its callers: 407, {@code Proxy-Authenticate}, {@code Proxy-Authorization}. */
        PROXY(Response.PROXY_AUTHENTICATION_REQUIRED, "Proxy-Authenticate", "Proxy-Authorization");

        private final int status;
        private final String challengeHeader;
        private final String credentialsHeader;

        Challenger(int status, String challengeHeader, String credentialsHeader) {
            this.status = status;
            this.challengeHeader = challengeHeader;
            this.credentialsHeader = credentialsHeader;
        }

        public int status() {
            return status;
        }
    }

    /** What to do with the request. */
    public sealed interface Outcome {

        /** The credentials are right and fresh: {@code username} sent the request. */
        record Authenticated(String username) implements Outcome {
        }

        /** Answer with {@link #challenge}: no credentials for our realm, wrong ones, or a stale nonce. */
        record Challenge(boolean stale) implements Outcome {
        }

        /**
         * The user's secrets are not in memory: defer the answer until {@code loading} completes (the SIP adaptor's
         * {@code resumeWhen}), then check again. The database is never read on the event thread.
         */
        record Lookup(CompletionStage<Void> loading) implements Outcome {
        }

        /** Answer 400 with this reason phrase. */
        record Malformed(String reason) implements Outcome {
        }

        /**
         * Too many failed attempts from this address for this user (or from this address at all): answer
         * {@link #shutOut} without checking anything, until {@code retryAfter} has passed.
         */
        record ShutOut(Duration retryAfter) implements Outcome {
        }
    }

    private RequestAuthentication() {
    }

    /** Checks the request's Digest credentials for {@code realm}. */
    public static Outcome check(Registrar registrar, Request request, String realm, Challenger challenger) {
        Optional<String> credentialsHeader = credentialsFor(request, realm, challenger);
        if (credentialsHeader.isEmpty()) {
            return new Outcome.Challenge(false);
        }
        Optional<DigestCredentials> credentials = DigestCredentials.parse(credentialsHeader.get());
        if (credentials.isEmpty() || credentials.get().username() == null) {
            return new Outcome.Malformed("Malformed " + challenger.credentialsHeader + " header");
        }
        String username = credentials.get().username();
        String source = sourceAddress(request);
        Optional<Duration> shutOut = registrar.throttle().shutOut(source, username);
        if (shutOut.isPresent()) {
            return new Outcome.ShutOut(shutOut.get());
        }
        if (!registrar.secrets().holds(username, realm)) {
            return new Outcome.Lookup(registrar.secrets().load(username, realm));
        }
        DigestVerdict verdict = registrar.authenticator().verify(request.getMethod(),
                request.getRequestURI().toString(), realm, credentials.get());
        if (verdict instanceof DigestVerdict.Challenge challenge) {
            return new Outcome.Challenge(challenge.stale());
        }
        if (verdict instanceof DigestVerdict.Rejected rejected) {
            if (rejected.reason() == DigestVerdict.Reason.BAD_CREDENTIALS) {
                // Maybe the password just changed: read it again next time. RFC 3261 §22.2: challenge again.
                registrar.secrets().invalidate(username, realm);
                registrar.throttle().failed(source, username);
                return new Outcome.Challenge(false);
            }
            return new Outcome.Malformed(rejected.reason() == DigestVerdict.Reason.URI_MISMATCH
                    ? "Digest uri does not match the Request-URI" : "Malformed digest credentials");
        }
        registrar.throttle().succeeded(source, username);
        return new Outcome.Authenticated(((DigestVerdict.Authenticated) verdict).username());
    }

    /**
     * 403 with a Retry-After (RFC 3261 §20.33) for a source that guessed wrong too often. The same answer whether the
     * user exists or not.
     */
    public static Response shutOut(SleeSipProvider provider, Request request, Duration retryAfter) {
        Response response = provider.createResponse(Response.FORBIDDEN, request);
        try {
            response.setReasonPhrase("Too many failed attempts");
            response.addHeader(provider.headerFactory().createRetryAfterHeader(
                    (int) Math.max(1, Math.min(Integer.MAX_VALUE, (retryAfter.toMillis() + 999) / 1000))));
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException("cannot build the shut-out response", e);
        }
        return response;
    }

    /** The address the request came from (not what its Via claims), for counting failures per source. */
    static String sourceAddress(Request request) {
        if (request instanceof SIPRequest sip && sip.getRemoteAddress() != null) {
            return sip.getRemoteAddress().getHostAddress();
        }
        return "unknown";
    }

    /**
     * The 401 or 407 with one challenge header per offered algorithm, in preference order; unknown users get the
     * same, so the answer does not reveal who exists.
     */
    public static Response challenge(Registrar registrar, SleeSipProvider provider, Request request, String realm,
                                     boolean stale, Challenger challenger) {
        Response response = provider.createResponse(challenger.status, request);
        for (String challenge : registrar.authenticator().challenges(realm, stale)) {
            response.addHeader(header(provider, challenger.challengeHeader, challenge));
        }
        return response;
    }

    /** The Digest credentials for our realm; a phone may carry others for proxies on the way. */
    private static Optional<String> credentialsFor(Request request, String realm, Challenger challenger) {
        ListIterator<?> headers = request.getHeaders(challenger.credentialsHeader);
        while (headers.hasNext()) {
            String text = headers.next().toString();
            String value = text.substring(text.indexOf(':') + 1).trim();
            Optional<DigestCredentials> parsed = DigestCredentials.parse(value);
            if (parsed.isPresent() && parsed.get().realm() != null && parsed.get().realm().equalsIgnoreCase(realm)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static Header header(SleeSipProvider provider, String name, String value) {
        try {
            return provider.headerFactory().createHeader(name, value);
        } catch (ParseException e) {
            throw new IllegalArgumentException("cannot build " + name, e);
        }
    }
}
