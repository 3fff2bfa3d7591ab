package org.parley.it.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.parley.it.Fixtures;
import org.parley.it.Http;

/** Runs the SIPp scenarios of {@code slee-services/src/test/sipp} against the test server, with its own ports. */
final class Sipp {

    static final String SIP_PORT = System.getProperty("parley.it.sip.port", "5160");
    static final String SIP_SERVER = "127.0.0.1:" + SIP_PORT;
    private static final Path SCENARIOS = Path.of("..", "slee-services", "src", "test", "sipp");

    private Sipp() {
    }

    /** Creates an agent with a SIP password through the REST API; returns the password. */
    static String newAgent(Fixtures.TestTenant tenant, String extension) {
        String password = "pw-" + UUID.randomUUID().toString().substring(0, 12);
        Http.Reply created = tenant.api().post("/api/v1/agents", """
                {"extension":"%s","displayName":"Agent %s","sipPassword":"%s"}""".formatted(extension, extension,
                password));
        assertEquals(201, created.status(), created::toString);
        return password;
    }

    /**
     * Two agents of a new tenant, 6001 calling 6002, with 6002's phone registered (by {@code registration}) from
     * {@code calleePort}, where its answering SIPp then listens.
     *
     * @param callerLine the caller's -inf line: 6001's credentials and the callee
     * @param authUri    the -auth_uri the caller signs its INVITE with (the callee's address of record)
     */
    record Call(Fixtures.TestTenant tenant, String callerLine, String authUri, int calleePort) {

        static Call registered(String registration) throws Exception {
            Fixtures.TestTenant tenant = Fixtures.newTenant();
            String domain = Fixtures.sipDomain(tenant);
            String caller = newAgent(tenant, "6001");
            String callee = newAgent(tenant, "6002");
            int calleePort = freePort();
            assertEquals(0, run(registration, List.of(user("6002", callee, domain)), calleePort),
                    "the callee's phone registered");
            return new Call(tenant, user("6001", caller, domain) + "6002;", "6002@" + domain, calleePort);
        }
    }

    static String user(String extension, String password, String domain) {
        return extension + ";[authentication username=" + extension + " password=" + password + "];" + domain + ";";
    }

    /** Runs a scenario once per user; SIPp's exit code (0: every call passed). A missing sipp fails the test. */
    static int run(String scenario, List<String> users) throws Exception {
        return run(scenario, users, freePort());
    }

    /** The same from a given local SIP port (a phone that must be found again where it registered). */
    static int run(String scenario, List<String> users, int localPort, String... extra) throws Exception {
        Process process = start(scenario, users, localPort, extra);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("SIPp did not finish " + scenario);
        }
        return process.exitValue();
    }

    /**
     * Starts a scenario as a client of Parley, once per user, and returns the running SIPp; its output goes to a
     * temporary directory named in failures.
     */
    static Process start(String scenario, List<String> users, int localPort, String... extra) throws Exception {
        return startIn(Files.createTempDirectory("sipp-it"), scenario, users, localPort, extra);
    }

    /** The same, in a given working directory (where scenarios find their media files). */
    static Process startIn(Path dir, String scenario, List<String> users, int localPort, String... extra)
            throws Exception {
        Path csv = dir.resolve("users.csv");
        Files.writeString(csv, "SEQUENTIAL\n" + String.join("\n", users) + "\n");
        List<String> command = new ArrayList<>(List.of("sipp", SIP_SERVER, "-sf", scenario(scenario), "-inf",
                csv.toString(), "-i", "127.0.0.1", "-p", String.valueOf(localPort), "-m",
                String.valueOf(users.size()), "-r", "10", "-timeout", "40s", "-nostdin", "-trace_err"));
        command.addAll(List.of(extra));
        return launch(command, dir);
    }

    /**
     * Starts a scenario as a server (a phone waiting for Parley's INVITE) on the given SIP and media ports; it takes
     * one call and exits.
     */
    static Process answer(String scenario, int localPort, String... extra) throws Exception {
        return answerIn(Files.createTempDirectory("sipp-it"), scenario, localPort, extra);
    }

    /** The same, in a given working directory (where the test reads the scenario's log). */
    static Process answerIn(Path dir, String scenario, int localPort, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of("sipp", "-sf", scenario(scenario), "-i", "127.0.0.1", "-p",
                String.valueOf(localPort), "-m", "1", "-timeout", "60s", "-nostdin", "-trace_err"));
        command.addAll(List.of(extra));
        return launch(command, dir);
    }

    private static String scenario(String name) {
        Path scenarioFile = SCENARIOS.resolve(name).toAbsolutePath();
        if (!Files.isRegularFile(scenarioFile)) {
            fail("scenario not found: " + scenarioFile);
        }
        return scenarioFile.toString();
    }

    private static Process launch(List<String> command, Path dir) {
        try {
            return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sipp.out").toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("SIPp must be installed (Debian package sip-tester) to run this test", e);
        }
    }

    /** A port free for UDP and TCP on 127.0.0.1 (SIPp's own local port). */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                try (DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
                    return udp.getLocalPort();
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no free port on 127.0.0.1");
    }
}
