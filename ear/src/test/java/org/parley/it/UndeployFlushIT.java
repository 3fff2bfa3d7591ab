package org.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What call control reported just before an undeploy is in the log, and its CDR, after it: the journal's queues are
 * flushed on the way down, through components that are still there. The database stalls for a few seconds first, so
 * that the undeploy begins with the last steps still in memory.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UndeployFlushIT {

    private static final String DEPLOYMENT = "parley-undeploy-flush";
    private static final long STALL_MILLIS = 4_000;

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return ParleyDeployment.earWithTestSupport();
    }

    private static void step(Fixtures.TestTenant tenant, String call, String step, Instant at) {
        Http.Reply reply = Http.anonymous().post("/it-support/call?domain=" + Fixtures.sipDomain(tenant) + "&call="
                + call + "&step=" + step + "&at=" + at, "");
        assertEquals(204, reply.status(), reply::toString);
    }

    @Test
    void aCallThatEndsAsTheApplicationIsUndeployedKeepsItsWholeCdr() {
        deployer.deploy(DEPLOYMENT);
        try {
            Fixtures.TestTenant tenant = Fixtures.newTenant();
            Http api = tenant.api();
            String call = UUID.randomUUID().toString();
            Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
            step(tenant, call, "started", start);
            assertTrue(Fixtures.eventually(Duration.ofSeconds(20), () -> api.get("/api/v1/cdrs/" + call).status()
                    == 200), () -> api.get("/api/v1/cdrs/" + call).toString());

            Fixtures.databaseFault("exclusive&for=" + STALL_MILLIS);
            step(tenant, call, "answered", start.plusSeconds(5));
            step(tenant, call, "ended", start.plusSeconds(17));
            deployer.undeploy(DEPLOYMENT);
            deployer.deploy(DEPLOYMENT);

            assertTrue(Fixtures.eventually(Duration.ofSeconds(20), () -> {
                Http.Reply r = api.get("/api/v1/cdrs/" + call);
                return r.status() == 200 && r.json().containsKey("endedAt") && !r.json().isNull("endedAt");
            }), () -> "the steps reported before the undeploy were lost: " + api.get("/api/v1/cdrs/" + call));
            assertEquals(start.plusSeconds(5).toString(), api.get("/api/v1/cdrs/" + call).json()
                    .getString("answeredAt"));
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }
}
