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
            String password = Sipp.newAgent(tenant, extension);
            users.add(Sipp.user(extension, password, domain));
        }
        assertEquals(0, Sipp.run("register-digest.xml", users), "every REGISTER ends in 200 OK");
        assertNotEquals(0, Sipp.run("register-query-none.xml", users.subList(0, 1)),
                "the registrar reports the binding just made");
    }

    @Test
    void wrongPasswordIsRefusedAndBindsNothing() throws Exception {
        Fixtures.TestTenant tenant = Fixtures.newTenant();
        String domain = Fixtures.sipDomain(tenant);
        String password = Sipp.newAgent(tenant, "2001");
        assertEquals(0, Sipp.run("register-wrong-password.xml",
                List.of(Sipp.user("2001", password + "-wrong", domain))),
                "the REGISTER with a wrong password is answered 401 again");
        assertEquals(0, Sipp.run("register-query-none.xml", List.of(Sipp.user("2001", password, domain))),
                "no binding was made");
    }

    @Test
    void aChangedPasswordReplacesTheOldOneAtOnce() throws Exception {
        Fixtures.TestTenant tenant = Fixtures.newTenant();
        Http api = tenant.api();
        String domain = Fixtures.sipDomain(tenant);
        String old = Sipp.newAgent(tenant, "2101");
        List<String> oldPhone = List.of(Sipp.user("2101", old, domain));
        assertEquals(0, Sipp.run("register-digest.xml", oldPhone), "the old password registers (and is now cached)");

        var agent = api.get("/api/v1/agents").array().getJsonObject(0);
        String changed = "pw-" + UUID.randomUUID().toString().substring(0, 12);
        Http.Reply reply = api.put("/api/v1/agents/" + agent.getJsonNumber("id").longValue(), """
                {"version":%d,"extension":"2101","displayName":"Agent 2101","sipPassword":"%s","enabled":true}"""
                .formatted(agent.getJsonNumber("version").longValue(), changed));
        assertEquals(200, reply.status(), reply::toString);
        // The change reaches the SIP side through the events topic, well within the credentials' time-to-live:
        // until it does, the old password still registers (and is not a failure the throttle would count).
        assertTrue(Fixtures.eventually(Duration.ofSeconds(15), () -> refused(oldPhone)),
                "the old password is refused once the change is committed, not when the cache would expire");
        assertEquals(0, Sipp.run("register-digest.xml", List.of(Sipp.user("2101", changed, domain))),
                "the new password registers");
    }

    @Test
    void unknownExtensionIsRefused() throws Exception {
        Fixtures.TestTenant tenant = Fixtures.newTenant();
        assertEquals(0, Sipp.run("register-wrong-password.xml",
                List.of(Sipp.user("9999", "no-such-agent-password", Fixtures.sipDomain(tenant)))));
    }

    @Test
    void anAgentWhosePhoneIsGoneIsOfferedNothingUntilItRegistersAgain() throws Exception {
        Fixtures.TestTenant tenant = Fixtures.newTenant();
        Http api = tenant.api();
        String domain = Fixtures.sipDomain(tenant);
        String password = Sipp.newAgent(tenant, "3001");
        long agent = api.get("/api/v1/agents").array().getJsonObject(0).getJsonNumber("id").longValue();
        Http.Reply queue = api.post("/api/v1/queues", """
                {"name":"Phones","strategy":"LONGEST_IDLE","slaPercent":80,"slaSeconds":20,"wrapUpSeconds":0}""");
        long queueId = queue.json().getJsonNumber("id").longValue();
        assertEquals(200, api.put("/api/v1/queues/" + queueId + "/members/" + agent, "").status());
        assertEquals(200, Fixtures.agentKey(api, agent).post("/api/v1/agents/" + agent + "/state",
                "{\"action\":\"LOG_IN\"}").status());

        List<String> phone = List.of(Sipp.user("3001", password, domain));
        assertEquals(0, Sipp.run("register-digest.xml", phone));
        assertTrue(Fixtures.eventually(Duration.ofSeconds(20), () -> reachable(api, agent)));
        assertEquals(0, Sipp.run("unregister-all-digest.xml", phone));
        assertTrue(Fixtures.eventually(Duration.ofSeconds(20), () -> !reachable(api, agent)),
                "the last binding gone makes the agent unreachable");

        Http.Reply waiting = api.post("/api/v1/queues/" + queueId + "/interactions",
                "{\"channel\":\"VOICE\",\"customer\":\"+33100000077\"}");
        assertEquals("WAITING", waiting.json().getString("status"), "nothing is offered to a phone that is gone");
        assertEquals(204, api.get("/api/v1/agents/" + agent + "/offer").status());

        assertEquals(0, Sipp.run("register-digest.xml", phone));
        assertTrue(Fixtures.eventually(Duration.ofSeconds(20),
                () -> api.get("/api/v1/agents/" + agent + "/offer").status() == 200),
                "registered again, the agent is offered the waiting customer");
    }

    /** Whether the phone's REGISTER is answered 401 again (its password no longer matches). */
    private static boolean refused(List<String> phone) {
        try {
            return Sipp.run("register-wrong-password.xml", phone) == 0;
        } catch (Exception e) {
            throw new IllegalStateException("SIPp could not run", e);
        }
    }

    private static boolean reachable(Http api, long agent) {
        return api.get("/api/v1/agents/" + agent + "/state").json().getBoolean("reachable");
    }

    @Test
    void sipIsReportedUpByTheHealthCheck() {
        Http.Reply reply = Http.anonymous().get("/api/v1/health");
        assertEquals("UP", reply.json().getJsonObject("parts").getJsonObject("sip").getString("status"),
                reply::toString);
        assertTrue(reply.json().getJsonObject("parts").getJsonObject("sip").getString("detail").contains(Sipp.SIP_PORT),
                reply::toString);
    }
}
