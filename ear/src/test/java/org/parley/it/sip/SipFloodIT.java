package org.parley.it.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * A flood of INVITEs that never authenticate and never acknowledge their 407 (each leaves a server transaction
 * retransmitting for 32 s, RFC 3261 §17.2.1) must not take SIP down: the listener stays up, the health check says
 * so, and once the flood stops a phone registers again. Bounded: 20,000 INVITEs asked at 2,000/s from loopback (SIPp
 * itself managed about 370/s on the 2-core development machine).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SipFloodIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ParleyDeployment.earWithTestSupport();
    }

    @Test
    void aFloodOfUnauthenticatedInvitesLeavesSipWorking() throws Exception {
        Fixtures.TestTenant tenant = Fixtures.newTenant();
        List<String> phone = List.of(Sipp.user("8001", Sipp.newAgent(tenant, "8001"), Fixtures.sipDomain(tenant)));

        Path dir = Files.createTempDirectory("sip-flood");
        List<String> command = new ArrayList<>(List.of("sipp", Sipp.SIP_SERVER, "-sn", "uac", "-s", "9999",
                "-i", "127.0.0.1", "-p", String.valueOf(Sipp.freePort()), "-mp", String.valueOf(Sipp.freePort()),
                "-r", "2000", "-m", "20000", "-l", "20000", "-timeout", "60s", "-nostdin", "-trace_stat",
                "-stf", dir.resolve("flood.csv").toString()));
        Process flood = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sipp.out").toFile()).start();
        if (!flood.waitFor(90, TimeUnit.SECONDS)) {
            flood.destroyForcibly();
        }

        Http.Reply health = Http.anonymous().get("/api/v1/health");
        assertEquals("UP", health.json().getJsonObject("parts").getJsonObject("sip").getString("status"),
                health::toString);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        boolean registered = false;
        while (!registered && Instant.now().isBefore(deadline)) {
            registered = Sipp.run("register-digest.xml", phone) == 0;
        }
        assertTrue(registered, "a phone registers once the flood has stopped (flood output in " + dir + ")");
    }
}
