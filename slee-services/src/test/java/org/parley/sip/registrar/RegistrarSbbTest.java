package org.parley.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sip.header.ExpiresHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.slee.ra.sip.SipEndpointConfig;
import org.parley.slee.ra.sip.SipResourceAdaptor;
import org.parley.slee.ra.sip.SipTestPhone;
import org.parley.slee.runtime.Slee;
import org.parley.time.ManualClock;
import org.parley.time.ManualScheduler;

/** The registrar service behind the SIP adaptor on 127.0.0.1, driven by a JAIN SIP phone. */
class RegistrarSbbTest {

    private static final String DOMAIN = "tenant.example";
    private static final String AOR = "sip:1001@" + DOMAIN;

    private final ManualClock clock = new ManualClock(Instant.now());
    private final ThreadPoolExecutor events = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(100));
    private final ThreadPoolExecutor lookups = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(10));
    private final AtomicInteger lookupCount = new AtomicInteger();
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final Map<String, String> passwords = Map.of("1001", "correct-horse", "1002", "battery-staple");
    private Registrar registrar;
    private Slee slee;
    /** One phone for the class: a JAIN SIP stack takes a second to stop; each test still gets a fresh registrar. */
    private static SipTestPhone phone;
    private int port;

    @BeforeAll
    static void startPhone() throws Exception {
        phone = new SipTestPhone("udp");
    }

    @AfterAll
    static void stopPhone() {
        phone.close();
    }

    @BeforeEach
    void start() throws Exception {
        CachedDigestSecrets secrets = new CachedDigestSecrets(clock, Duration.ofSeconds(30), Duration.ofSeconds(5),
                lookups, (realm, username) -> {
                    lookupCount.incrementAndGet();
                    if (databaseDown.get()) {
                        throw new IllegalStateException("database down");
                    }
                    String password = passwords.get(username);
                    return password == null || !realm.equals(DOMAIN) ? List.of() : List.of(
                            Ha1.of(DigestAlgorithm.MD5, username, realm, password),
                            Ha1.of(DigestAlgorithm.SHA_256, username, realm, password));
                });
        registrar = new Registrar(RegistrarPolicy.DEFAULT, new BindingTable(clock, RegistrarPolicy.DEFAULT),
                new DigestAuthenticator(clock, Registrar.NONCE_LIFETIME, "test-key".getBytes(), secrets,
                        List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256)), secrets,
                new AuthenticationThrottle(clock, AuthenticationThrottle.Policy.DEFAULT));
        slee = Slee.builder(events, clock, new ManualScheduler(clock)).build();
        slee.bindEnvironment(Registrar.ENVIRONMENT_NAME, registrar);
        slee.install(RegistrarService.definition());
        port = SipTestPhone.freePort();
        slee.addResourceAdaptor(SipResourceAdaptor.ENTITY_NAME,
                new SipResourceAdaptor(SipEndpointConfig.of("127.0.0.1", port)));
    }

    @AfterEach
    void stop() {
        slee.stop();
        events.shutdownNow();
        lookups.shutdownNow();
    }

    @Test
    void registerWithoutCredentialsIsChallengedInTheConfiguredOrder() throws Exception {
        Response response = phone.send(register("1001"));
        assertEquals(Response.UNAUTHORIZED, response.getStatusCode());
        List<String> challenges = SipTestPhone.values(response, "WWW-Authenticate");
        assertEquals(2, challenges.size());
        assertTrue(challenges.get(0).contains("algorithm=MD5"), challenges.get(0));
        assertTrue(challenges.get(1).contains("algorithm=SHA-256"), challenges.get(1));
        assertTrue(challenges.get(0).contains("realm=\"" + DOMAIN + "\""));
    }

    @Test
    void rightMd5PasswordBindsTheContactWithItsExpiry() throws Exception {
        Response challenge = phone.send(register("1001"));
        Response response = phone.send(authorized(register("1001"), challenge, DigestAlgorithm.MD5, "1001",
                "correct-horse", 1));
        assertEquals(Response.OK, response.getStatusCode());
        List<String> contacts = SipTestPhone.values(response, "Contact");
        assertEquals(1, contacts.size());
        assertTrue(contacts.get(0).contains("expires=3600"), contacts.get(0));
        assertEquals(1, registrar.bindings().bindings(AOR).size());
    }

    @Test
    void sha256RefreshReusesTheNonceInOneRoundTripAndHitsTheCache() throws Exception {
        Response challenge = phone.send(register("1001"));
        assertEquals(Response.OK, phone.send(authorized(register("1001"), challenge, DigestAlgorithm.SHA_256,
                "1001", "correct-horse", 1)).getStatusCode());
        assertEquals(Response.OK, phone.send(authorized(register("1001"), challenge, DigestAlgorithm.SHA_256,
                "1001", "correct-horse", 2)).getStatusCode());
        assertEquals(1, lookupCount.get());
    }

    @Test
    void wrongPasswordIsChallengedAgainAndBindsNothing() throws Exception {
        Response challenge = phone.send(register("1001"));
        Response response = phone.send(authorized(register("1001"), challenge, DigestAlgorithm.MD5, "1001",
                "wrong password", 1));
        assertEquals(Response.UNAUTHORIZED, response.getStatusCode());
        assertEquals(2, SipTestPhone.values(response, "WWW-Authenticate").size());
        assertTrue(registrar.bindings().bindings(AOR).isEmpty());
    }

    @Test
    void guessingIsShutOutAfterAFewFailuresKnownUserOrNotAndOthersAreUnaffected() throws Exception {
        for (String user : List.of("1001", "4711")) {
            Response challenge = phone.send(register(user));
            for (int attempt = 1; attempt <= 6; attempt++) {
                assertEquals(Response.UNAUTHORIZED, phone.send(authorized(register(user), challenge,
                        DigestAlgorithm.MD5, user, "guess-" + attempt, attempt)).getStatusCode());
            }
            Response shutOut = phone.send(authorized(register(user), challenge, DigestAlgorithm.MD5, user,
                    passwords.getOrDefault(user, "guess-7"), 7));
            assertEquals(Response.FORBIDDEN, shutOut.getStatusCode(), user);
            assertEquals("Too many failed attempts", shutOut.getReasonPhrase());
            assertEquals(1, SipTestPhone.values(shutOut, "Retry-After").size());
        }
        assertTrue(registrar.bindings().bindings(AOR).isEmpty());

        Response other = phone.send(register("1002"));
        assertEquals(Response.OK, phone.send(authorized(register("1002"), other, DigestAlgorithm.MD5, "1002",
                "battery-staple", 1)).getStatusCode(), "another user from the same address is not shut out");

        clock.advance(Duration.ofSeconds(2));
        Response again = phone.send(register("1001"));
        assertEquals(Response.OK, phone.send(authorized(register("1001"), again, DigestAlgorithm.MD5, "1001",
                "correct-horse", 1)).getStatusCode(), "the shut-out ends and the right password works");
    }

    @Test
    void unknownUserGetsTheSameAnswersAsAKnownOne() throws Exception {
        Response challenge = phone.send(register("4711"));
        assertEquals(Response.UNAUTHORIZED, challenge.getStatusCode());
        assertEquals(2, SipTestPhone.values(challenge, "WWW-Authenticate").size());
        Response response = phone.send(authorized(register("4711"), challenge, DigestAlgorithm.MD5, "4711",
                "anything", 1));
        assertEquals(Response.UNAUTHORIZED, response.getStatusCode());
        assertEquals(2, SipTestPhone.values(response, "WWW-Authenticate").size());
    }

    @Test
    void expiredNonceIsChallengedAsStale() throws Exception {
        Response challenge = phone.send(register("1001"));
        clock.advance(Registrar.NONCE_LIFETIME.plusSeconds(1));
        Response response = phone.send(authorized(register("1001"), challenge, DigestAlgorithm.MD5, "1001",
                "correct-horse", 1));
        assertEquals(Response.UNAUTHORIZED, response.getStatusCode());
        assertTrue(SipTestPhone.values(response, "WWW-Authenticate").get(0).contains("stale=true"));
    }

    @Test
    void tooShortExpiryGets423WithMinExpires() throws Exception {
        Request request = register("1001");
        request.setExpires(phone.headers.createExpiresHeader(30));
        Response challenge = phone.send(request);
        Request retry = register("1001");
        retry.setExpires(phone.headers.createExpiresHeader(30));
        Response response = phone.send(authorized(retry, challenge, DigestAlgorithm.MD5, "1001", "correct-horse", 1));
        assertEquals(Response.INTERVAL_TOO_BRIEF, response.getStatusCode());
        assertEquals(List.of("60"), SipTestPhone.values(response, "Min-Expires"));
        assertTrue(registrar.bindings().bindings(AOR).isEmpty());
    }

    @Test
    void wildcardWithExpiresZeroRemovesEveryBinding() throws Exception {
        Response challenge = phone.send(register("1001"));
        assertEquals(Response.OK, phone.send(authorized(register("1001"), challenge, DigestAlgorithm.MD5, "1001",
                "correct-horse", 1)).getStatusCode());
        Request unregister = register("1001");
        unregister.removeHeader("Contact");
        unregister.addHeader(phone.headers.createHeader("Contact", "*"));
        unregister.setExpires(phone.headers.createExpiresHeader(0));
        Response response = phone.send(authorized(unregister, challenge, DigestAlgorithm.MD5, "1001",
                "correct-horse", 2));
        assertEquals(Response.OK, response.getStatusCode());
        assertTrue(registrar.bindings().bindings(AOR).isEmpty());
    }

    @Test
    void incompleteCredentialsAreABadRequest() throws Exception {
        Response challenge = phone.send(register("1001"));
        DigestCredentials offered = DigestCredentials.parse(SipTestPhone.values(challenge, "WWW-Authenticate").get(0))
                .orElseThrow();
        Request request = register("1001");
        request.addHeader(phone.headers.createHeader("Authorization", "Digest username=\"1001\", realm=\"" + DOMAIN
                + "\", nonce=\"" + offered.nonce() + "\", uri=\"" + request.getRequestURI() + "\", response=\"00\""));
        Response response = phone.send(request);
        assertEquals(Response.BAD_REQUEST, response.getStatusCode());
        assertEquals("Malformed digest credentials", response.getReasonPhrase());
    }

    @Test
    void credentialLookupFailureIsAnswered503WithRetryAfter() throws Exception {
        databaseDown.set(true);
        Response challenge = phone.send(register("1001"));
        Response response = phone.send(authorized(register("1001"), challenge, DigestAlgorithm.MD5, "1001",
                "correct-horse", 1));
        assertEquals(Response.SERVICE_UNAVAILABLE, response.getStatusCode());
        assertEquals(1, SipTestPhone.values(response, "Retry-After").size());
    }

    @Test
    void optionsIsAnsweredAndOtherMethodsGet405Or501WithAllow() throws Exception {
        Response options = phone.send(phone.request(Request.OPTIONS, "1001", DOMAIN, port));
        assertEquals(Response.OK, options.getStatusCode());
        assertEquals(List.of("REGISTER", "OPTIONS", "INVITE", "ACK", "CANCEL", "BYE"), SipTestPhone.values(options, "Allow"));
        Response message = phone.send(phone.request(Request.MESSAGE, "1001", DOMAIN, port));
        assertEquals(Response.METHOD_NOT_ALLOWED, message.getStatusCode());
        assertEquals(List.of("REGISTER", "OPTIONS", "INVITE", "ACK", "CANCEL", "BYE"), SipTestPhone.values(message, "Allow"));
        Response unknown = phone.send(phone.request("FROBNICATE", "1001", DOMAIN, port));
        assertEquals(Response.NOT_IMPLEMENTED, unknown.getStatusCode());
        Request subscribe = phone.request(Request.SUBSCRIBE, "1001", DOMAIN, port);
        subscribe.addHeader(phone.headers.createEventHeader("presence"));
        assertEquals(Response.BAD_EVENT, phone.send(subscribe).getStatusCode(), "an event package Parley lacks");
    }

    @Test
    void sippRegistersUsersFromACsvWithDigestAuthentication() throws Exception {
        assertEquals(0, sipp("register-digest.xml", user("1001", "correct-horse"), user("1002", "battery-staple")));
        assertEquals(1, registrar.bindings().bindings(AOR).size());
        assertEquals(1, registrar.bindings().bindings("sip:1002@" + DOMAIN).size());
        assertTrue(sipp("register-query-none.xml", user("1001", "correct-horse")) != 0,
                "the query scenario notices a binding");
    }

    @Test
    void sippWithAWrongPasswordIsChallengedAgainAndBindsNothing() throws Exception {
        assertEquals(0, sipp("register-wrong-password.xml", user("1001", "not-the-password")));
        assertTrue(registrar.bindings().bindings(AOR).isEmpty());
        assertEquals(0, sipp("register-query-none.xml", user("1001", "correct-horse")));
    }

    private static String user(String extension, String password) {
        return extension + ";[authentication username=" + extension + " password=" + password + "];" + DOMAIN + ";";
    }

    /** Runs SIPp's scenario once per user against the registrar; SIPp's exit code (0: every call passed). */
    private int sipp(String scenario, String... users) throws Exception {
        Path dir = Files.createTempDirectory("sipp");
        Path csv = dir.resolve("users.csv");
        Files.writeString(csv, "SEQUENTIAL\n" + String.join("\n", users) + "\n");
        Process process = new ProcessBuilder("sipp", "127.0.0.1:" + port,
                "-sf", Path.of("src/test/sipp", scenario).toAbsolutePath().toString(), "-inf", csv.toString(),
                "-i", "127.0.0.1", "-p", String.valueOf(SipTestPhone.freePort()), "-m", String.valueOf(users.length),
                "-r", "10", "-timeout", "10s", "-nostdin", "-trace_err")
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sipp.out").toFile()).start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("SIPp did not finish");
        }
        return process.exitValue();
    }

    private Request register(String user) throws Exception {
        Request request = phone.request(Request.REGISTER, user, DOMAIN, port);
        if (request.getHeader(ExpiresHeader.NAME) == null) {
            request.setExpires(phone.headers.createExpiresHeader(3600));
        }
        return request;
    }

    /** Answers a 401 as a phone does (RFC 7616 §3.4, qop=auth), with the challenge for {@code algorithm}. */
    private Request authorized(Request request, Response challenge, DigestAlgorithm algorithm, String user,
                               String password, int nonceCount) throws Exception {
        String offer = SipTestPhone.values(challenge, "WWW-Authenticate").stream()
                .filter(value -> value.contains("algorithm=" + algorithm.token() + ","))
                .findFirst().orElseThrow();
        DigestCredentials parsed = DigestCredentials.parse(offer).orElseThrow();
        String uri = request.getRequestURI().toString();
        String nc = String.format("%08x", nonceCount);
        String cnonce = "c" + nonceCount;
        String digest = DigestResponse.compute(Ha1.of(algorithm, user, parsed.realm(), password), parsed.nonce(), nc,
                cnonce, "auth", Request.REGISTER, uri);
        request.addHeader(phone.headers.createHeader("Authorization", "Digest username=\"" + user + "\", realm=\""
                + parsed.realm() + "\", nonce=\"" + parsed.nonce() + "\", uri=\"" + uri + "\", response=\"" + digest
                + "\", algorithm=" + algorithm.token() + ", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\""));
        return request;
    }
}
