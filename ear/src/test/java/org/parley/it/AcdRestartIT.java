package org.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ACD across a redeployment (the engines live in memory, so this is a restart for them): agents' states come
 * back, a callback keeps its id and place and is offered, the customers the restart cut off are closed, and the
 * day's figures still add up.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AcdRestartIT {

    private static final String DEPLOYMENT = "parley-restart";
    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return ParleyDeployment.earWithTestSupport();
    }

    @Test
    void agentStatesAndCallbacksSurviveARestartAndCutOffCustomersAreClosed() {
        deployer.deploy(DEPLOYMENT);
        try {
            Http api = Fixtures.newTenant().api();
            long ann = created(api.post("/api/v1/agents", """
                    {"extension":"3001","displayName":"Ann","skills":[{"name":"billing","level":5}]}"""));
            long bob = created(api.post("/api/v1/agents", """
                    {"extension":"3002","displayName":"Bob","skills":[{"name":"billing","level":5}]}"""));
            long queue = created(api.post("/api/v1/queues", """
                    {"name":"Billing","strategy":"LONGEST_IDLE","slaPercent":80,"slaSeconds":20,"wrapUpSeconds":0}"""));
            api.put("/api/v1/queues/" + queue + "/members/" + ann, "");
            api.put("/api/v1/queues/" + queue + "/members/" + bob, "");
            Http annDesk = Fixtures.agentKey(api, ann);
            Http bobDesk = Fixtures.agentKey(api, bob);
            annDesk.post("/api/v1/agents/" + ann + "/state", "{\"action\":\"LOG_IN\"}");
            annDesk.post("/api/v1/agents/" + ann + "/state", "{\"action\":\"PAUSE\",\"reason\":\"training\"}");
            bobDesk.post("/api/v1/agents/" + bob + "/state", "{\"action\":\"LOG_IN\"}");

            String talking = customer(api, queue, "+33100000011");
            JsonObject offer = api.get("/api/v1/agents/" + bob + "/offer").json();
            assertEquals(talking, offer.getString("interaction"));
            assertEquals(200, bobDesk.post("/api/v1/offers/" + offer.getString("id") + "/accept", "").status());
            String cutOff = customer(api, queue, "+33100000012");
            String askedBack = customer(api, queue, "+33100000013");
            Http.Reply callback = api.post("/api/v1/interactions/" + askedBack + "/callback",
                    "{\"number\":\"+33100000099\"}");
            assertEquals(201, callback.status(), callback::toString);
            String callbackId = callback.json().getString("id");
            assertTrue(Fixtures.eventually(EVENTUALLY, () -> today(api, queue).getInt("offered") == 3),
                    "the log holds the day so far");

            deployer.undeploy(DEPLOYMENT);
            deployer.deploy(DEPLOYMENT);

            JsonObject annAfter = api.get("/api/v1/agents/" + ann + "/state").json();
            assertEquals("PAUSED", annAfter.getString("state"), annAfter::toString);
            assertEquals("training", annAfter.getString("pauseReason"));
            assertTrue(Fixtures.eventually(EVENTUALLY, () -> "OFFERED".equals(
                    api.get("/api/v1/interactions/" + callbackId).json().getString("status"))),
                    () -> api.get("/api/v1/interactions/" + callbackId).toString());
            JsonObject ringing = api.get("/api/v1/agents/" + bob + "/offer").json();
            assertEquals(callbackId, ringing.getString("interaction"), "bob, free again, is offered the callback");
            assertEquals(404, api.get("/api/v1/interactions/" + cutOff).status(), "closed, not left waiting");
            assertEquals(404, api.get("/api/v1/interactions/" + talking).status());

            assertEquals(200, bobDesk.post("/api/v1/offers/" + ringing.getString("id") + "/accept", "").status());
            assertEquals(200, bobDesk.post("/api/v1/interactions/" + callbackId + "/complete", "").status());
            assertTrue(Fixtures.eventually(EVENTUALLY, () -> today(api, queue).getInt("handled") == 2),
                    () -> today(api, queue).toString());
            JsonObject today = today(api, queue);
            assertEquals(3, today.getInt("offered"), today::toString);
            assertEquals(2, today.getInt("answered"), "the call bob took and the callback");
            assertEquals(1, today.getInt("abandoned") + today.getInt("shortAbandons"), "the customer cut off");
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }

    private static long created(Http.Reply reply) {
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().getJsonNumber("id").longValue();
    }

    private static String customer(Http api, long queue, String number) {
        Http.Reply queued = api.post("/api/v1/queues/" + queue + "/interactions",
                "{\"channel\":\"VOICE\",\"customer\":\"" + number + "\"}");
        assertEquals(201, queued.status(), queued::toString);
        return queued.json().getString("id");
    }

    private static JsonObject today(Http api, long queue) {
        return api.get("/api/v1/queues/" + queue + "/live").json().getJsonObject("today");
    }
}
