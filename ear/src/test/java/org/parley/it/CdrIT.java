package org.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A call's steps, reported through the call journal as call control reports them, become events in the log and, by
 * the projection, one CDR with its timestamps, outcome and per-leg quality, readable only by the call's tenant.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CdrIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ParleyDeployment.earWithTestSupport();
    }

    private static void step(Fixtures.TestTenant tenant, String call, String step, Instant at) {
        step(tenant, call, step, at, "");
    }

    private static void step(Fixtures.TestTenant tenant, String call, String step, Instant at, String more) {
        Http.Reply reply = Http.anonymous().post("/it-support/call?domain=" + Fixtures.sipDomain(tenant) + "&call="
                + call + "&step=" + step + "&at=" + at + more, "");
        assertEquals(204, reply.status(), reply::toString);
    }

    @Test
    void aCallsStepsBecomeOneCdrForItsTenantOnly() {
        Fixtures.TestTenant tenant = Fixtures.newTenant();
        Http api = tenant.api();
        String call = UUID.randomUUID().toString();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        step(tenant, call, "started", start);
        step(tenant, call, "ringing", start.plusSeconds(1));
        step(tenant, call, "answered", start.plusSeconds(5));
        step(tenant, call, "ended", start.plusSeconds(17));

        assertTrue(Fixtures.eventually(Duration.ofSeconds(20), () -> {
            Http.Reply r = api.get("/api/v1/cdrs/" + call);
            return r.status() == 200 && r.json().containsKey("endedAt") && !r.json().isNull("endedAt");
        }), () -> api.get("/api/v1/cdrs/" + call).toString());
        JsonObject cdr = api.get("/api/v1/cdrs/" + call).json();
        assertEquals("1001", cdr.getString("caller"));
        assertEquals("1002", cdr.getString("callee"));
        assertEquals(start.toString(), cdr.getString("startedAt"));
        assertEquals(start.plusSeconds(5).toString(), cdr.getString("answeredAt"));
        assertEquals(12.0, cdr.getJsonNumber("talkSeconds").doubleValue());
        assertEquals("ANSWERED", cdr.getString("disposition"));
        assertEquals("CALLER", cdr.getString("hangupSide"));
        assertEquals(200, cdr.getInt("finalCode"));
        assertTrue(!cdr.containsKey("endReason") || cdr.isNull("endReason"), "its parties ended it: " + cdr);
        assertEquals("PCMU", cdr.getString("codec"));
        assertEquals(498, cdr.getJsonObject("callerLeg").getInt("packetsReceived"));
        assertEquals(2, cdr.getJsonObject("callerLeg").getInt("packetsLost"));
        assertEquals(4.4, cdr.getJsonObject("calleeLeg").getJsonNumber("mos").doubleValue());

        Http.Reply listed = api.get("/api/v1/cdrs?from=" + start.minusSeconds(60) + "&to=" + Instant.now().plusSeconds(60));
        assertEquals(200, listed.status(), listed::toString);
        assertEquals(1, listed.array().size());

        Http other = Fixtures.newTenant().api();
        assertEquals(404, other.get("/api/v1/cdrs/" + call).status());
        assertEquals(0, other.get("/api/v1/cdrs").array().size());
        assertEquals(200, api.get("/api/v1/calls/active").status());

        assertEquals(400, api.get("/api/v1/cdrs?from=yesterday").status());
        assertEquals(422, api.get("/api/v1/cdrs?limit=0").status());
    }

    /**
     * A delayed-offer caller whose ACK brought no answer: call control ends the call itself, FAILED though the caller
     * got 200, and the CDR, listed or alone, says why.
     */
    @Test
    void aCallParleyEndedForWantOfMediaShowsAsFailedWithItsReason() {
        Fixtures.TestTenant tenant = Fixtures.newTenant();
        Http api = tenant.api();
        String call = UUID.randomUUID().toString();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        step(tenant, call, "started", start);
        step(tenant, call, "answered", start.plusSeconds(4));
        step(tenant, call, "ended", start.plusSeconds(4), "&disposition=FAILED&reason=CALLER_ANSWER_MISSING");

        assertTrue(Fixtures.eventually(Duration.ofSeconds(20), () -> {
            Http.Reply r = api.get("/api/v1/cdrs/" + call);
            return r.status() == 200 && r.json().containsKey("endedAt") && !r.json().isNull("endedAt");
        }), () -> api.get("/api/v1/cdrs/" + call).toString());
        JsonObject cdr = api.get("/api/v1/cdrs/" + call).json();
        assertEquals("FAILED", cdr.getString("disposition"));
        assertEquals("CALLER_ANSWER_MISSING", cdr.getString("endReason"));
        assertEquals(200, cdr.getInt("finalCode"), "the code the caller got");
        assertEquals("SYSTEM", cdr.getString("hangupSide"));
        JsonObject listed = api.get("/api/v1/cdrs").array().getJsonObject(0);
        assertEquals("CALLER_ANSWER_MISSING", listed.getString("endReason"), listed::toString);
    }
}
