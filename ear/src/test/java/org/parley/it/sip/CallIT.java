package org.parley.it.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;

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
 * A call between two registered SIPp phones through the deployed Parley: digest-authenticated INVITE, ringing,
 * answer, three seconds of RTP from the caller that the callee echoes, BYE. The call shows in the active calls while
 * it lasts, and its CDR afterwards carries media figures for both legs — counted by Parley's media server, so the
 * audio went through Parley and not phone to phone. The same with a caller whose INVITE has no SDP (delayed offer):
 * Parley offers in its 200 and the caller answers in its ACK.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CallIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ParleyDeployment.earWithTestSupport();
    }

    @Test
    void twoPhonesTalkThroughParleyAndTheCallLeavesACdr() throws Exception {
        call("register-digest.xml", "caller-call.xml");
    }

    /** The callee's Contact names an address nobody listens on; Parley calls it where its REGISTER came from. */
    @Test
    void aPhoneBehindNatIsCalledWhereItRegisteredFrom() throws Exception {
        call("register-natted.xml", "caller-call.xml");
    }

    /** RFC 3261 §13.2.1: the caller's INVITE has no SDP; Parley's 200 offers, the caller's ACK answers. */
    @Test
    void aCallerWithoutAnOfferAnswersParleysOfferInItsAckAndTheAudioFlowsBothWays() throws Exception {
        call("register-digest.xml", "caller-call-delayed-offer.xml");
    }

    private static void call(String calleeRegistration, String callerScenario) throws Exception {
        Fixtures.TestTenant tenant = Fixtures.newTenant();
        Http api = tenant.api();
        String domain = Fixtures.sipDomain(tenant);
        String alice = Sipp.newAgent(tenant, "6001");
        String bob = Sipp.newAgent(tenant, "6002");

        int bobPort = Sipp.freePort();
        assertEquals(0, Sipp.run(calleeRegistration, List.of(Sipp.user("6002", bob, domain)), bobPort));
        Process callee = Sipp.answer("callee-answer.xml", bobPort, "-mp", String.valueOf(mediaPort()),
                "-rtp_echo");

        Path tone = Files.createTempDirectory("call-it").resolve("tone.pcmu");
        Process sox = new ProcessBuilder("sox", "-n", "-r", "8000", "-c", "1", "-e", "u-law", "-t", "raw",
                tone.toString(), "synth", "5", "sine", "1000").redirectErrorStream(true).start();
        assertTrue(sox.waitFor(30, TimeUnit.SECONDS) && sox.exitValue() == 0, "sox made the caller's tone");

        Process caller = Sipp.startIn(tone.getParent(), callerScenario,
                List.of(Sipp.user("6001", alice, domain) + "6002;"), Sipp.freePort(), "-mp",
                String.valueOf(mediaPort()), "-auth_uri", "6002@" + domain);
        assertTrue(Fixtures.eventually(Duration.ofSeconds(20), () -> api.get("/api/v1/calls/active").array()
                .stream().anyMatch(c -> "CONNECTED".equals(c.asJsonObject().getString("state")))),
                "the call shows as connected while it lasts");

        if (!caller.waitFor(60, TimeUnit.SECONDS)) {
            caller.destroyForcibly();
            fail("the caller did not finish");
        }
        assertEquals(0, caller.exitValue(), "the caller's call passed (see sipp-it* in the temp directory)");
        assertTrue(callee.waitFor(30, TimeUnit.SECONDS), "the callee got its BYE");
        assertEquals(0, callee.exitValue(), "the callee's call passed");

        assertTrue(Fixtures.eventually(Duration.ofSeconds(20), () -> api.get("/api/v1/cdrs").array().stream()
                .anyMatch(c -> c.asJsonObject().containsKey("endedAt"))),
                () -> api.get("/api/v1/cdrs").toString());
        JsonObject cdr = api.get("/api/v1/cdrs").array().getJsonObject(0);
        assertEquals("6001", cdr.getString("caller"));
        assertEquals("6002", cdr.getString("callee"));
        assertEquals("ANSWERED", cdr.getString("disposition"));
        assertEquals("CALLER", cdr.getString("hangupSide"));
        assertEquals(200, cdr.getInt("finalCode"));
        assertEquals("PCMU", cdr.getString("codec"));
        JsonObject callerLeg = cdr.getJsonObject("callerLeg");
        JsonObject calleeLeg = cdr.getJsonObject("calleeLeg");
        // 3 s of 20 ms packets is 150; allow for start-up and the last packets in flight at the BYE.
        assertTrue(callerLeg.getInt("packetsReceived") >= 100, "Parley received the caller's audio: " + cdr);
        assertTrue(calleeLeg.getInt("packetsSent") >= 100, "Parley sent it on to the callee: " + cdr);
        assertTrue(calleeLeg.getInt("packetsReceived") >= 100, "Parley received the callee's echo: " + cdr);
        assertTrue(callerLeg.getInt("packetsSent") >= 100, "Parley sent the echo back to the caller: " + cdr);
        assertEquals(0, api.get("/api/v1/calls/active").array().size(), "no call is left in progress");
    }

    private static int mediaPort() throws Exception {
        int port = Sipp.freePort();
        return port % 2 == 0 ? port : Sipp.freePort();
    }
}
