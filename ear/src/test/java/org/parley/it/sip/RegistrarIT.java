package org.parley.it.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.it.Fixtures;
import org.parley.it.Http;
import org.parley.it.ParleyDeployment;

/**
 * Phones register to Parley with the SIP passwords set through the REST API: SIPp (a real peer) runs the committed
 * REGISTER scenarios against the test server's SIP port (it.sip.port in ear/pom.xml) from its own local port.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RegistrarIT {

    private static final String SIP_PORT = System.getProperty("parley.it.sip.port", "5160");
    private static final String SIP_SERVER = "127.0.0.1:" + SIP_PORT;
    private static final Path SCENARIOS = Path.of("..", "slee-services", "src", "test", "sipp");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ParleyDeployment.earWithTestSupport();
    }

    @Test
    void agentsWithTheRightPasswordAreRegistered() throws Exception {
        Fixtures.TestTenant tenant = Fixtures.newTenant();
        String domain = Fixtures.sipDomain(tenant);
        List<String> users = new ArrayList<>();
        for (String extension : List.of("1001", "1002", "1003")) {
            String password = newAgent(tenant, extension);
            users.add(user(extension, password, domain));
        }
        assertEquals(0, sipp("register-digest.xml", users), "every REGISTER ends in 200 OK");
        assertNotEquals(0, sipp("register-query-none.xml", users.subList(0, 1)),
                "the registrar reports the binding just made");
    }

    @Test
    void wrongPasswordIsRefusedAndBindsNothing() throws Exception {
        Fixtures.TestTenant tenant = Fixtures.newTenant();
        String domain = Fixtures.sipDomain(tenant);
        String password = newAgent(tenant, "2001");
        assertEquals(0, sipp("register-wrong-password.xml", List.of(user("2001", password + "-wrong", domain))),
                "the REGISTER with a wrong password is answered 401 again");
        assertEquals(0, sipp("register-query-none.xml", List.of(user("2001", password, domain))),
                "no binding was made");
    }

    @Test
    void unknownExtensionIsRefused() throws Exception {
        Fixtures.TestTenant tenant = Fixtures.newTenant();
        assertEquals(0, sipp("register-wrong-password.xml",
                List.of(user("9999", "no-such-agent-password", Fixtures.sipDomain(tenant)))));
    }

    @Test
    void anAgentWhosePhoneIsGoneIsOfferedNothingUntilItRegistersAgain() throws Exception {
        Fixtures.TestTenant tenant = Fixtures.newTenant();
        Http api = tenant.api();
        String domain = Fixtures.sipDomain(tenant);
        String password = newAgent(tenant, "3001");
        long agent = api.get("/api/v1/agents").array().getJsonObject(0).getJsonNumber("id").longValue();
        Http.Reply queue = api.post("/api/v1/queues", """
                {"name":"Phones","strategy":"LONGEST_IDLE","slaPercent":80,"slaSeconds":20,"wrapUpSeconds":0}""");
        long queueId = queue.json().getJsonNumber("id").longValue();
        assertEquals(200, api.put("/api/v1/queues/" + queueId + "/members/" + agent, "").status());
        assertEquals(200, api.post("/api/v1/agents/" + agent + "/state", "{\"action\":\"LOG_IN\"}").status());

        List<String> phone = List.of(user("3001", password, domain));
        assertEquals(0, sipp("register-digest.xml", phone));
        assertTrue(Fixtures.eventually(Duration.ofSeconds(20), () -> reachable(api, agent)));
        assertEquals(0, sipp("unregister-all-digest.xml", phone));
        assertTrue(Fixtures.eventually(Duration.ofSeconds(20), () -> !reachable(api, agent)),
                "the last binding gone makes the agent unreachable");

        Http.Reply waiting = api.post("/api/v1/queues/" + queueId + "/interactions",
                "{\"channel\":\"VOICE\",\"customer\":\"+33100000077\"}");
        assertEquals("WAITING", waiting.json().getString("status"), "nothing is offered to a phone that is gone");
        assertEquals(204, api.get("/api/v1/agents/" + agent + "/offer").status());

        assertEquals(0, sipp("register-digest.xml", phone));
        assertTrue(Fixtures.eventually(Duration.ofSeconds(20),
                () -> api.get("/api/v1/agents/" + agent + "/offer").status() == 200),
                "registered again, the agent is offered the waiting customer");
    }

    private static boolean reachable(Http api, long agent) {
        return api.get("/api/v1/agents/" + agent + "/state").json().getBoolean("reachable");
    }

    @Test
    void sipIsReportedUpByTheHealthCheck() {
        Http.Reply reply = Http.anonymous().get("/api/v1/health");
        assertEquals("UP", reply.json().getJsonObject("parts").getJsonObject("sip").getString("status"),
                reply::toString);
        assertTrue(reply.json().getJsonObject("parts").getJsonObject("sip").getString("detail").contains(SIP_PORT),
                reply::toString);
    }

    /** Creates an agent with a SIP password through the REST API; returns the password. */
    private static String newAgent(Fixtures.TestTenant tenant, String extension) {
        String password = "pw-" + UUID.randomUUID().toString().substring(0, 12);
        Http.Reply created = tenant.api().post("/api/v1/agents", """
                {"extension":"%s","displayName":"Agent %s","sipPassword":"%s"}""".formatted(extension, extension,
                password));
        assertEquals(201, created.status(), created::toString);
        return password;
    }

    private static String user(String extension, String password, String domain) {
        return extension + ";[authentication username=" + extension + " password=" + password + "];" + domain + ";";
    }

    /** Runs a scenario once per user; SIPp's exit code (0: every call passed). A missing sipp fails the test. */
    private static int sipp(String scenario, List<String> users) throws Exception {
        Path scenarioFile = SCENARIOS.resolve(scenario).toAbsolutePath();
        if (!Files.isRegularFile(scenarioFile)) {
            fail("scenario not found: " + scenarioFile);
        }
        Path dir = Files.createTempDirectory("registrar-it");
        Path csv = dir.resolve("users.csv");
        Files.writeString(csv, "SEQUENTIAL\n" + String.join("\n", users) + "\n");
        Process process;
        try {
            process = new ProcessBuilder("sipp", SIP_SERVER, "-sf", scenarioFile.toString(), "-inf", csv.toString(),
                    "-i", "127.0.0.1", "-p", String.valueOf(freePort()), "-m", String.valueOf(users.size()),
                    "-r", "10", "-timeout", "20s", "-nostdin", "-trace_err")
                    .directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sipp.out").toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("SIPp must be installed (Debian package sip-tester) to run this test", e);
        }
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("SIPp did not finish; see " + dir);
        }
        return process.exitValue();
    }

    /** A port free for UDP and TCP on 127.0.0.1 (SIPp's own local port). */
    private static int freePort() throws IOException {
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
