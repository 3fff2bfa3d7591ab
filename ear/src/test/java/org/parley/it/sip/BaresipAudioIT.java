package org.parley.it.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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
 * Two real softphones (baresip) registered to the deployed Parley, one calling the other: the 1 kHz tone the caller
 * plays is found in what the callee heard, and the callee's 440 Hz tone in what the caller heard. Both streams pass
 * through Parley's media server (the CDR counts their packets on both legs), so this is the audio path a user hears,
 * codec and all, end to end.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BaresipAudioIT {

    private static final int CALLER_TONE_HZ = 1000;
    private static final int CALLEE_TONE_HZ = 440;
    /** A clean tone peaks within one 3.9 Hz bin of its frequency; 50 Hz still keeps 440 and 1000 Hz far apart. */
    private static final double TOLERANCE_HZ = 50;
    /** sox's sines have an RMS of about 0.5; silence or comfort noise is far below a tenth. */
    private static final double AUDIBLE_RMS = 0.1;
    private static final Duration TALK = Duration.ofSeconds(4);
    /** Generous: two processes and a WildFly on a loaded two-core machine. */
    private static final Duration STEP = Duration.ofSeconds(60);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ParleyDeployment.earWithTestSupport();
    }

    @Test
    void theCalleeHearsTheCallersToneAndTheCallerTheCallees() throws Exception {
        BaresipPhone.requireInstalled();
        Fixtures.TestTenant tenant = Fixtures.newTenant();
        Http api = tenant.api();
        String domain = Fixtures.sipDomain(tenant);
        String callerPassword = Sipp.newAgent(tenant, "7001");
        String calleePassword = Sipp.newAgent(tenant, "7002");
        int parleySip = Integer.parseInt(Sipp.SIP_PORT);

        Path work = Files.createTempDirectory("baresip-it");
        // Longer than the call, so neither phone runs out of tone while it talks.
        Path callerTone = ToneMeasurement.sine(work.resolve("caller-1000hz.wav"), CALLER_TONE_HZ, 30);
        Path calleeTone = ToneMeasurement.sine(work.resolve("callee-440hz.wav"), CALLEE_TONE_HZ, 30);

        Path heardByCallee;
        Path heardByCaller;
        try (BaresipPhone caller = BaresipPhone.start(work.resolve("7001"), "7001", callerPassword, domain,
                parleySip, callerTone);
             BaresipPhone callee = BaresipPhone.start(work.resolve("7002"), "7002", calleePassword, domain,
                     parleySip, calleeTone)) {
            caller.awaitRegistered(STEP);
            callee.awaitRegistered(STEP);

            caller.dial("sip:7002@" + domain);
            caller.awaitEvent("CALL_ESTABLISHED", STEP);
            callee.awaitEvent("CALL_ESTABLISHED", STEP);
            assertTrue(Fixtures.eventually(Duration.ofSeconds(20), () -> api.get("/api/v1/calls/active").array()
                    .stream().anyMatch(c -> "CONNECTED".equals(c.asJsonObject().getString("state")))),
                    "the call shows as connected while it lasts");
            caller.stayInCall(TALK);

            caller.hangup();
            caller.awaitEvent("CALL_CLOSED", STEP);
            callee.awaitEvent("CALL_CLOSED", STEP);
            heardByCallee = callee.recordings();
            heardByCaller = caller.recordings();
        }

        ToneMeasurement atCallee = ToneMeasurement.of(received(heardByCallee));
        ToneMeasurement atCaller = ToneMeasurement.of(received(heardByCaller));
        assertHeard(CALLER_TONE_HZ, atCallee, "the callee hears the caller's tone");
        assertHeard(CALLEE_TONE_HZ, atCaller, "the caller hears the callee's tone");

        assertTrue(Fixtures.eventually(Duration.ofSeconds(20), () -> api.get("/api/v1/cdrs").array().stream()
                .anyMatch(c -> c.asJsonObject().containsKey("endedAt"))),
                () -> api.get("/api/v1/cdrs").toString());
        JsonObject cdr = api.get("/api/v1/cdrs").array().getJsonObject(0);
        assertEquals("7001", cdr.getString("caller"));
        assertEquals("7002", cdr.getString("callee"));
        assertEquals("ANSWERED", cdr.getString("disposition"));
        assertEquals("CALLER", cdr.getString("hangupSide"));
        assertEquals(200, cdr.getInt("finalCode"));
        assertEquals("PCMU", cdr.getString("codec"));
        JsonObject callerLeg = cdr.getJsonObject("callerLeg");
        JsonObject calleeLeg = cdr.getJsonObject("calleeLeg");
        // 4 s of 20 ms packets is 200; allow for start-up and the packets in flight at the BYE.
        assertTrue(callerLeg.getInt("packetsReceived") > 100, "Parley received the caller's audio: " + cdr);
        assertTrue(calleeLeg.getInt("packetsSent") > 100, "Parley sent it on to the callee: " + cdr);
        assertTrue(calleeLeg.getInt("packetsReceived") > 100, "Parley received the callee's audio: " + cdr);
        assertTrue(callerLeg.getInt("packetsSent") > 100, "Parley sent it on to the caller: " + cdr);
        assertEquals(0, api.get("/api/v1/calls/active").array().size(), "no call is left in progress");
    }

    /** sndfile's {@code dump-<time>-dec.wav}: what the phone received and decoded in its one call. */
    private static Path received(Path recordings) throws Exception {
        try (var files = Files.list(recordings)) {
            var decoded = files.filter(f -> f.getFileName().toString().endsWith("-dec.wav")).toList();
            assertEquals(1, decoded.size(), "one received stream recorded in " + recordings + ": " + decoded);
            return decoded.get(0);
        }
    }

    private static void assertHeard(int hertz, ToneMeasurement measured, String what) {
        assertTrue(measured.seconds() >= 2, what + ": at least two seconds recorded after the first, " + measured);
        assertTrue(measured.rms() > AUDIBLE_RMS, what + ": audible, " + measured);
        assertEquals(hertz, measured.dominantHz(), TOLERANCE_HZ, what + ": " + measured);
    }
}
