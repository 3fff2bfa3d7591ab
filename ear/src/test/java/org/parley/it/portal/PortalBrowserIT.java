package org.parley.it.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.it.ParleyDeployment;

/**
 * An admin signs in to the portal in a real browser and sets up an agent; a bad extension is refused next to its
 * field; an edit made on an outdated version is refused, not lost; logging out ends the session; every response
 * carries the security headers, and the pages run under the Content-Security-Policy without a single violation. The
 * browser is Debian's headless Chromium ({@link Chromium}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PortalBrowserIT {

    private static final Duration PATIENCE = Chromium.PATIENCE;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ParleyDeployment.ear();
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
    void adminCreatesAnAgentWithExtensionSipPasswordAndSkill() {
        signInAsAdmin("/portal/agents/");
        String extension = freshExtension();

        browser.findElement(By.id("new-agent")).click();
        waitFor(By.id("agent:extension")).sendKeys(extension);
        browser.findElement(By.id("agent:displayName")).sendKeys("Ada Lovelace " + extension);
        browser.findElement(By.id("agent:sipPassword")).sendKeys("correct-horse-battery");
        browser.findElement(By.id("agent:skills")).sendKeys("support:7");
        browser.findElement(By.id("agent:save")).click();

        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.urlContains("/portal/agents/index.xhtml"));
        assertTrue(messages().contains("Agent " + extension + " (Ada Lovelace " + extension + ") saved."),
                "the list page confirms the save: " + messages());
        WebElement row = agentRow(extension).orElseThrow(
                () -> new AssertionError("agent " + extension + " is not in the list: " + listText()));
        List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        assertEquals(extension, cells.get(0));
        assertEquals("Ada Lovelace " + extension, cells.get(1));
        assertEquals("support:7", cells.get(2));
        assertEquals("set", cells.get(3), "the SIP password was stored (as its digests)");
        assertEquals("enabled", cells.get(4));
        assertNoContentSecurityPolicyViolations();
    }

    @Test
    void adminLimitsAnAgentsChannelsAndAnImpossibleLimitIsRefusedAtItsField() {
        signInAsAdmin("/portal/agents/");
        String extension = freshExtension();

        browser.findElement(By.id("new-agent")).click();
        waitFor(By.id("agent:extension")).sendKeys(extension);
        browser.findElement(By.id("agent:displayName")).sendKeys("Chat desk " + extension);
        assertEquals("3", browser.findElement(By.id("agent:chatCapacity")).getAttribute("value"), "the default");
        replace(browser.findElement(By.id("agent:voiceCapacity")), "2");
        browser.findElement(By.id("agent:save")).click();
        WebElement refusal = waitFor(By.id("agent:voiceCapacity-message"));
        assertTrue(refusal.getText().contains("between 0 and 1"), "refused at the voice field: " + refusal.getText());

        replace(browser.findElement(By.id("agent:voiceCapacity")), "0");
        replace(browser.findElement(By.id("agent:chatCapacity")), "5");
        browser.findElement(By.id("agent:save")).click();
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.urlContains("/portal/agents/index.xhtml"));
        agentRow(extension).orElseThrow(() -> new AssertionError("agent " + extension + " is not listed"))
                .findElement(By.tagName("a")).click();
        assertEquals("0", waitFor(By.id("agent:voiceCapacity")).getAttribute("value"));
        assertEquals("5", browser.findElement(By.id("agent:chatCapacity")).getAttribute("value"));
        assertEquals("1", browser.findElement(By.id("agent:callbackCapacity")).getAttribute("value"));
        assertNoContentSecurityPolicyViolations();
    }

    @Test
    void adminCreatesAQueueWithStrategyAndServiceLevel() {
        signInAsAdmin("/portal/queues/");
        String name = "Billing " + freshExtension();

        browser.findElement(By.id("new-queue")).click();
        waitFor(By.id("queue:name")).sendKeys(name);
        new Select(browser.findElement(By.id("queue:strategy"))).selectByValue("SKILLS_WEIGHTED");
        replace(browser.findElement(By.id("queue:slaPercent")), "90");
        replace(browser.findElement(By.id("queue:slaSeconds")), "15");
        replace(browser.findElement(By.id("queue:wrapUpSeconds")), "45");
        browser.findElement(By.id("queue:save")).click();

        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.urlContains("/portal/queues/index.xhtml"));
        String list = browser.findElement(By.id("queues")).getText();
        assertTrue(list.contains(name) && list.contains("SKILLS_WEIGHTED"), "the queue is listed: " + list);
    }

    @Test
    void adminSetsAQueuesLimitsAndOpenHoursAndAMissingOverflowIsRefusedAtItsField() {
        signInAsAdmin("/portal/queues/");
        String name = "Hours " + freshExtension();
        String target = "After hours " + freshExtension();
        browser.findElement(By.id("new-queue")).click();
        waitFor(By.id("queue:name")).sendKeys(target);
        browser.findElement(By.id("queue:save")).click();
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.urlContains("/portal/queues/index.xhtml"));

        browser.findElement(By.id("new-queue")).click();
        waitFor(By.id("queue:name")).sendKeys(name);
        replace(browser.findElement(By.id("queue:maxWaitSeconds")), "60");
        browser.findElement(By.id("queue:save")).click();
        WebElement refusal = waitFor(By.id("queue:overflowKind-message"));
        assertTrue(refusal.getText().contains("overflow target"), "refused at the overflow field: " + refusal.getText());

        new Select(browser.findElement(By.id("queue:overflowKind"))).selectByValue("QUEUE");
        new Select(browser.findElement(By.id("queue:overflowQueueId"))).selectByVisibleText(target);
        replace(browser.findElement(By.id("queue:openHours")), "MONDAY,FRIDAY 09:00-17:00");
        replace(browser.findElement(By.id("queue:holidays")), "2026-12-25");
        browser.findElement(By.id("queue:save")).click();
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.urlContains("/portal/queues/index.xhtml"));

        browser.findElement(By.id("queues")).findElements(By.tagName("tr")).stream()
                .filter(r -> r.getText().contains(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not listed"))
                .findElement(By.tagName("a")).click();
        assertEquals("60", waitFor(By.id("queue:maxWaitSeconds")).getAttribute("value"));
        assertEquals("QUEUE", new Select(browser.findElement(By.id("queue:overflowKind")))
                .getFirstSelectedOption().getAttribute("value"));
        assertEquals(target, new Select(browser.findElement(By.id("queue:overflowQueueId")))
                .getFirstSelectedOption().getText());
        assertEquals("MONDAY 09:00-17:00\nFRIDAY 09:00-17:00",
                browser.findElement(By.id("queue:openHours")).getAttribute("value"));
        assertEquals("2026-12-25", browser.findElement(By.id("queue:holidays")).getAttribute("value"));
        assertEquals("15", browser.findElement(By.id("queue:ringTimeoutSeconds")).getAttribute("value"),
                "untouched settings keep the engine's defaults");
        assertNoContentSecurityPolicyViolations();
    }

    @Test
    void adminCreatesASupervisorAndOpensItForEditing() {
        signInAsAdmin("/portal/users/");
        String username = "sue-" + freshExtension();

        browser.findElement(By.id("new-user")).click();
        waitFor(By.id("user:username")).sendKeys(username);
        browser.findElement(By.id("user:displayName")).sendKeys("Sue Supervisor");
        new Select(browser.findElement(By.id("user:role"))).selectByValue("SUPERVISOR");
        browser.findElement(By.id("user:password")).sendKeys("a-long-supervisor-password");
        browser.findElement(By.id("user:save")).click();

        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.urlContains("/portal/users/index.xhtml"));
        WebElement link = browser.findElement(By.id("users")).findElements(By.tagName("tr")).stream()
                .filter(r -> r.getText().contains(username)).findFirst()
                .orElseThrow(() -> new AssertionError(username + " is not listed"))
                .findElement(By.tagName("a"));
        link.click();
        WebElement field = waitFor(By.id("user:username"));
        assertEquals(username, field.getAttribute("value"), "the edit form shows the stored user");
        assertEquals("SUPERVISOR", new Select(browser.findElement(By.id("user:role")))
                .getFirstSelectedOption().getAttribute("value"));
    }

    @Test
    void anEditBasedOnAnOutdatedVersionIsRefusedWithAReloadMessage() {
        signInAsAdmin("/portal/agents/");
        String extension = freshExtension();
        createAgent(extension, "First Name " + extension);
        String editUrl = agentRow(extension).orElseThrow().findElement(By.linkText("Edit")).getAttribute("href");

        browser.get(editUrl);
        String firstTab = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB).get(editUrl);
        replace(waitFor(By.id("agent:displayName")), "Changed Meanwhile " + extension);
        browser.findElement(By.id("agent:save")).click();
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.urlContains("/portal/agents/index.xhtml"));

        browser.switchTo().window(firstTab);
        replace(waitFor(By.id("agent:displayName")), "Lost Update " + extension);
        browser.findElement(By.id("agent:save")).click();

        new WebDriverWait(browser, PATIENCE).until(d -> messages().contains("Someone else changed this"));
        assertTrue(messages().contains("Reload the page"), messages());
        browser.get(ParleyDeployment.http() + "/portal/agents/index.xhtml");
        assertEquals("Changed Meanwhile " + extension,
                agentRow(extension).orElseThrow().findElements(By.tagName("td")).get(1).getText(),
                "the other change stands; the stale one did not overwrite it");
    }

    @Test
    void loggingOutEndsTheSession() {
        signInAsAdmin("/portal/");
        browser.findElement(By.id("session:logout")).click();
        waitFor(By.id("j_username"));
        browser.get(ParleyDeployment.http() + "/portal/agents/index.xhtml");
        waitFor(By.id("j_username"));
        assertTrue(browser.findElements(By.id("session:logout")).isEmpty(), "the portal asks for a login again");
    }

    @Test
    void aBadExtensionIsRefusedNextToTheExtensionField() {
        signInAsAdmin("/portal/agents/edit.xhtml");
        String displayName = "Not Saved " + freshExtension();

        waitFor(By.id("agent:extension")).sendKeys("12ab");
        browser.findElement(By.id("agent:displayName")).sendKeys(displayName);
        browser.findElement(By.id("agent:save")).click();

        WebElement message = waitFor(By.id("agent:extension-message"));
        assertEquals("extension must be 2 to 16 digits", message.getText());
        WebElement beforeMessage = message.findElement(By.xpath("preceding-sibling::*[1]"));
        assertEquals("agent:extension", beforeMessage.getAttribute("id"), "the message sits right after the field");
        assertEquals("12ab", browser.findElement(By.id("agent:extension")).getAttribute("value"),
                "what the admin typed is kept for correcting");
        assertTrue(browser.findElements(By.id("agent:displayName-message")).stream()
                .allMatch(m -> m.getText().isEmpty()), "only the extension is wrong");

        browser.get(ParleyDeployment.http() + "/portal/agents/index.xhtml");
        assertFalse(listText().contains(displayName), "nothing was saved");
        assertNoContentSecurityPolicyViolations();
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(trustingTheGeneratedCertificate())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(PATIENCE).build();
        for (String path : List.of("/login.xhtml", "/portal/agents/index.xhtml", "/api/v1/health",
                "/jakarta.faces.resource/parley/portal.css.xhtml")) {
            HttpResponse<String> plain = get(http, ParleyDeployment.http() + path);
            assertBrowserDefences(plain);
            assertTrue(plain.headers().firstValue("Strict-Transport-Security").isEmpty(),
                    "HSTS over plain HTTP is ignored by browsers and must not be sent: " + path);

            HttpResponse<String> secure = get(http, ParleyDeployment.https() + path);
            assertBrowserDefences(secure);
            assertEquals(Optional.of("max-age=31536000"), secure.headers().firstValue("Strict-Transport-Security"),
                    "HSTS on HTTPS: " + path);
        }

        HttpResponse<String> login = get(http, ParleyDeployment.http() + "/portal/index.xhtml");
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + login.headers().map()));
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
    }

    private static void assertBrowserDefences(HttpResponse<String> response) {
        String where = response.request().uri() + " (" + response.statusCode() + ")";
        assertEquals(Optional.of("nosniff"), response.headers().firstValue("X-Content-Type-Options"), where);
        assertEquals(Optional.of("DENY"), response.headers().firstValue("X-Frame-Options"), where);
        assertEquals(Optional.of("same-origin"), response.headers().firstValue("Referrer-Policy"), where);
        String policy = response.headers().firstValue("Content-Security-Policy")
                .orElseThrow(() -> new AssertionError("no Content-Security-Policy on " + where));
        assertTrue(policy.contains("script-src 'self'"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertFalse(policy.contains("unsafe-inline"), policy);
        assertFalse(policy.contains("unsafe-eval"), policy);
    }

    private void createAgent(String extension, String displayName) {
        browser.get(ParleyDeployment.http() + "/portal/agents/edit.xhtml");
        waitFor(By.id("agent:extension")).sendKeys(extension);
        browser.findElement(By.id("agent:displayName")).sendKeys(displayName);
        browser.findElement(By.id("agent:save")).click();
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.urlContains("/portal/agents/index.xhtml"));
    }

    private static void replace(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    private void signInAsAdmin(String path) {
        chromium.signIn(path, "admin", ParleyDeployment.adminPassword());
    }

    private Optional<WebElement> agentRow(String extension) {
        return browser.findElements(By.cssSelector("table.list tbody tr")).stream()
                .filter(tr -> tr.findElements(By.tagName("td")).stream().findFirst()
                        .map(td -> td.getText().equals(extension)).orElse(false))
                .findFirst();
    }

    private String listText() {
        return browser.findElement(By.tagName("main")).getText();
    }

    /** The page's messages; none while the page is being replaced (a wait asks again). */
    private String messages() {
        try {
            return browser.findElements(By.id("messages")).stream().map(WebElement::getText).findFirst().orElse("");
        } catch (StaleElementReferenceException e) {
            return "";
        }
    }

    private WebElement waitFor(By locator) {
        return chromium.waitFor(locator);
    }

    private void assertNoContentSecurityPolicyViolations() {
        chromium.assertNoContentSecurityPolicyViolations();
    }

    /** Extensions are unique per tenant and the test server's database lives for the whole build. */
    private static String freshExtension() {
        return "7" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(PATIENCE).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The test server's HTTPS listener uses WildFly's generated self-signed certificate; only this test trusts it. */
    private static SSLContext trustingTheGeneratedCertificate() throws GeneralSecurityException {
        TrustManager trustAll = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
        return context;
    }
}
