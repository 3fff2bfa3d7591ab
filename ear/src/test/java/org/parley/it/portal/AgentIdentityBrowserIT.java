package org.parley.it.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.it.Fixtures;
import org.parley.it.Http;
import org.parley.it.ParleyDeployment;

/**
 * In a real browser, an admin of a fresh tenant lists the tenant's pause reasons and binds a login to an agent; the
 * REST API then holds the agent to that list, and the login speaks for that agent. A bad list is refused and
 * changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AgentIdentityBrowserIT {

    private static final String PASSWORD = "portal-admin-password-1";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ParleyDeployment.earWithTestSupport();
    }

    private Chromium chromium;
    private WebDriver browser;

    @BeforeEach
    void startBrowser() throws IOException {
        chromium = Chromium.start();
        browser = chromium.driver();
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void anAdminListsPauseReasonsAndAgentsPauseOnlyWithThem() {
        Http api = Fixtures.newTenant().api();
        String admin = admin(api);
        long agent = agent(api, "2601");
        chromium.signIn("/portal/pause-reasons.xhtml", admin, PASSWORD);

        chromium.waitFor(By.id("reasons:text")).sendKeys("lunch: Lunch break\n\ntraining\n");
        browser.findElement(By.id("reasons:save")).click();
        assertTrue(chromium.waitFor(By.id("messages")).getText().contains("Pause reasons saved: 2."),
                browser.getPageSource());
        assertEquals("[{\"code\":\"lunch\",\"label\":\"Lunch break\"},{\"code\":\"training\",\"label\":\"training\"}]",
                api.get("/api/v1/pause-reasons").body());

        Http desk = Fixtures.agentKey(api, agent);
        assertEquals(200, desk.post("/api/v1/agents/" + agent + "/state", "{\"action\":\"LOG_IN\"}").status());
        assertTrue(Fixtures.eventually(Duration.ofSeconds(20), () -> desk.post("/api/v1/agents/" + agent + "/state",
                "{\"action\":\"PAUSE\",\"reason\":\"nap\"}").status() == 422), "the running engine has the list");
        Http.Reply nap = desk.post("/api/v1/agents/" + agent + "/state", "{\"action\":\"PAUSE\",\"reason\":\"nap\"}");
        assertTrue(nap.json().getString("detail").contains("lunch, training"), nap::toString);
        JsonObject lunch = desk.post("/api/v1/agents/" + agent + "/state",
                "{\"action\":\"PAUSE\",\"reason\":\"lunch\"}").json();
        assertEquals("PAUSED", lunch.getString("state"), lunch::toString);

        browser.get(ParleyDeployment.http() + "/portal/pause-reasons.xhtml");
        chromium.waitFor(By.id("reasons:text")).sendKeys("\nLUNCH: twice");
        browser.findElement(By.id("reasons:save")).click();
        assertTrue(chromium.waitFor(By.id("messages")).getText().contains("listed twice"), browser.getPageSource());
        assertTrue(api.get("/api/v1/pause-reasons").body().contains("Lunch break"), "nothing was replaced");
        chromium.assertNoContentSecurityPolicyViolations();
    }

    @Test
    void anAdminBindsALoginToTheAgentItIs() {
        Http api = Fixtures.newTenant().api();
        String admin = admin(api);
        long agent = agent(api, "2701");
        String username = "ann-" + System.nanoTime();
        chromium.signIn("/portal/users/edit.xhtml", admin, PASSWORD);

        chromium.waitFor(By.id("user:username")).sendKeys(username);
        browser.findElement(By.id("user:displayName")).sendKeys("Ann Agent");
        new Select(browser.findElement(By.id("user:role"))).selectByValue("AGENT");
        new Select(browser.findElement(By.id("user:agentId"))).selectByValue(Long.toString(agent));
        browser.findElement(By.id("user:password")).sendKeys("an-agents-long-password");
        browser.findElement(By.id("user:save")).click();
        new WebDriverWait(browser, Chromium.PATIENCE).until(ExpectedConditions.urlContains("/portal/users/index"));

        JsonObject stored = api.get("/api/v1/users").array().stream().map(v -> v.asJsonObject())
                .filter(u -> u.getString("username").equals(username)).findFirst().orElseThrow();
        assertEquals(agent, stored.getJsonNumber("agentId").longValue());

        browser.get(ParleyDeployment.http() + "/portal/users/edit.xhtml?id=" + stored.getJsonNumber("id"));
        assertEquals(Long.toString(agent), new Select(chromium.waitFor(By.id("user:agentId")))
                .getFirstSelectedOption().getAttribute("value"), "the edit form shows the binding");
    }

    private static String admin(Http api) {
        String username = "adm-" + System.nanoTime();
        Http.Reply created = api.post("/api/v1/users", """
                {"username":"%s","displayName":"Admin","role":"ADMIN","password":"%s"}""".formatted(username, PASSWORD));
        assertEquals(201, created.status(), created::toString);
        return username;
    }

    private static long agent(Http api, String extension) {
        Http.Reply created = api.post("/api/v1/agents", """
                {"extension":"%s","displayName":"Agent %s","skills":[]}""".formatted(extension, extension));
        assertEquals(201, created.status(), created::toString);
        return created.json().getJsonNumber("id").longValue();
    }
}
