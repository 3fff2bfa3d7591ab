package org.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /api/v1/health} tells the truth: UP when it works, DOWN for the database while it does not answer. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ParleyDeployment.earWithTestSupport();
    }

    @AfterEach
    void releaseDatabase() {
        Fixtures.databaseFault("release");
    }

    @Test
    void reportsEveryPartUpWithoutAuthentication() {
        Http.Reply reply = Http.anonymous().get("/api/v1/health");
        assertEquals(200, reply.status(), reply::toString);
        JsonObject health = reply.json();
        assertEquals("UP", health.getString("status"));
        assertEquals("UP", health.getJsonObject("parts").getJsonObject("database").getString("status"));
        assertEquals("UP", health.getJsonObject("parts").getJsonObject("messaging").getString("status"));
        JsonObject media = health.getJsonObject("parts").getJsonObject("media");
        assertEquals("UP", media.getString("status"), health::toString);
        assertTrue(media.getString("detail").contains("endpoints in use"), media::toString);
        assertTrue(health.getJsonObject("parts").getJsonObject("database").getString("detail").contains("H2"),
                reply::toString);
        JsonObject journal = health.getJsonObject("parts").getJsonObject("event-journal");
        assertEquals("UP", journal.getString("status"), health::toString);
        assertTrue(journal.getString("detail").contains("waiting to be written"), journal::toString);
    }

    @Test
    void databaseThatStopsAnsweringIsDownThenUpAgain() {
        Fixtures.databaseFault("exclusive");

        Http.Reply down = Http.anonymous().get("/api/v1/health");
        assertEquals(503, down.status(), down::toString);
        assertEquals("DOWN", down.json().getString("status"));
        JsonObject parts = down.json().getJsonObject("parts");
        assertEquals("DOWN", parts.getJsonObject("database").getString("status"), down::toString);
        assertEquals("UP", parts.getJsonObject("messaging").getString("status"), down::toString);

        Fixtures.databaseFault("release");

        assertTrue(Fixtures.eventually(Duration.ofSeconds(15),
                () -> Http.anonymous().get("/api/v1/health").status() == 200), "health is UP again");
        assertEquals("UP", Http.anonymous().get("/api/v1/health").json().getJsonObject("parts")
                .getJsonObject("database").getString("status"));
    }
}
