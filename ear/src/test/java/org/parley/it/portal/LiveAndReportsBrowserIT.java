package org.parley.it.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.it.Fixtures;
import org.parley.it.Http;
import org.parley.it.ParleyDeployment;

/**
 * A supervisor watches a queue in the portal: one customer answered and one who hung up at once show on the live
 * page, which updates itself in place; today's report shows the same figures, and its CSV download is the REST
 * API's CSV; a report that ends before it starts is refused at its field; agents are shown the door.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LiveAndReportsBrowserIT {

    /** The event log is written behind, and this machine may be busy: figures may take a few seconds to show. */
    private static final Duration EVENTUALLY = Duration.ofSeconds(30);
    /** it-support.war provisions its tenants in this zone; the portal's "today" is that zone's. */
    private static final ZoneId TENANT_ZONE = ZoneId.of("Europe/Paris");
    /** The figure cells of a queue's row, by their class, in the pages' column order. */
    private static final List<String> FIGURES = List.of("offered", "answered", "abandoned", "short-abandons",
            "service-level", "asa", "aht", "abandon-rate");
    private static final String PASSWORD = "portal-user-password-1";

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
    void aSupervisorSeesTodaysFiguresLiveAndInTheReportAndDownloadsThemAsCsv() {
        Http api = Fixtures.newTenant().api();
        String supervisor = user(api, "SUPERVISOR");
        long agent = agent(api);
        String queueName = "Billing " + System.nanoTime();
        long queue = queue(api, queueName, agent);
        answerOneCustomerAndLoseAnother(api, agent, queue);

        chromium.signIn("/portal/live.xhtml", supervisor, PASSWORD);
        String firstRead = browser.findElement(By.id("read-at")).getText();
        js("window.parleyNoReload = true;");
        Map<String, String> live = waitForRow("live-queues", queue,
                cells -> "2".equals(cells.get("offered")) && "1".equals(cells.get("answered")));
        assertEquals("1", live.get("short-abandons"), live::toString);
        assertEquals("0", live.get("abandoned"), live::toString);
        assertEquals("100 %", live.get("service-level"), "answered at once, within 20 s: " + live);
        assertEquals("0 %", live.get("abandon-rate"), "0 abandoned of 2 offered less 1 short: " + live);
        assertEquals("0", live.get("waiting"), live::toString);
        assertEquals("—", live.get("longest-wait"), live::toString);
        assertEquals("1", live.get("logged-out"), live::toString);
        assertEquals(queueName, js("return document.querySelector('#live-queues tr[data-queue=\"' + arguments[0]"
                + " + '\"] th').textContent.trim();", Long.toString(queue)));

        assertTrue(Fixtures.eventually(EVENTUALLY, () ->
                        !firstRead.equals(js("var t = document.getElementById('read-at'); return t && t.textContent;"))),
                "the page reads the figures again by itself");
        assertEquals(Boolean.TRUE, js("return window.parleyNoReload;"), "in place, without reloading");
        browser.findElement(By.id("refresh")).click();
        new WebDriverWait(browser, Chromium.PATIENCE).until(d -> js("return window.parleyNoReload;") == null);
        Map<String, String> refreshed = waitForRow("live-queues", queue, cells -> !cells.isEmpty());
        assertEquals(figures(live), figures(refreshed), "the Refresh link (no JavaScript needed) shows the same");

        browser.findElement(By.id("nav-reports")).click();
        new Select(chromium.waitFor(By.id("report:interval"))).selectByValue("DAY");
        browser.findElement(By.id("report:show")).click();
        String today = LocalDate.now(TENANT_ZONE).toString();
        Map<String, String> report = waitForRow("report-rows", queue, cells -> today.equals(cells.get("interval")));
        assertEquals(figures(live), figures(report), "the report's day is the live view's today");

        Object[] download = downloadCsv();
        assertEquals(200L, download[0], () -> "the download answered " + download[0] + ": " + download[3]);
        assertTrue(((String) download[1]).startsWith("text/csv"), () -> "a CSV file: " + download[1]);
        assertEquals("attachment; filename=\"queue-report-" + today + ".csv\"", download[2]);
        String from = LocalDate.now(TENANT_ZONE).atStartOfDay(TENANT_ZONE).toInstant().toString();
        String to = LocalDate.now(TENANT_ZONE).plusDays(1).atStartOfDay(TENANT_ZONE).toInstant().toString();
        Http.Reply rest = api.get("/api/v1/reports/queues?from=" + from + "&to=" + to + "&interval=P1D", "text/csv");
        assertEquals(200, rest.status(), rest::toString);
        assertEquals(rest.body(), download[3], "the portal's CSV is the REST API's, row for row");
        assertTrue(((String) download[3]).contains("\r\n" + queue + ",") && ((String) download[3])
                .contains(",2,1,0,1,"), () -> "offered 2, answered 1, abandoned 0, short 1: " + download[3]);

        chromium.assertNoContentSecurityPolicyViolations();
    }

    @Test
    void aReportThatEndsBeforeItStartsIsRefusedAtItsField() {
        String supervisor = user(Fixtures.newTenant().api(), "SUPERVISOR");
        chromium.signIn("/portal/reports.xhtml", supervisor, PASSWORD);
        LocalDate today = LocalDate.now(TENANT_ZONE);

        setDate("report:from", today);
        setDate("report:to", today.minusDays(1));
        browser.findElement(By.id("report:show")).click();

        WebElement message = chromium.waitFor(By.id("report:to-message"));
        assertEquals("The last day is before the first day.", message.getText());
        assertTrue(browser.findElements(By.id("report-rows")).isEmpty(), "no table for a refused period");
        assertEquals(today.minusDays(1).toString(),
                browser.findElement(By.id("report:to")).getAttribute("value"), "what was entered stays to correct");

        setDate("report:from", null);
        browser.findElement(By.id("report:show")).click();
        new WebDriverWait(browser, Chromium.PATIENCE).until(ExpectedConditions.textToBe(
                By.id("report:from-message"), "Enter the first day of the report."));
        chromium.assertNoContentSecurityPolicyViolations();
    }

    @Test
    void theLivePageStaysUsableWhileItUpdatesItself() {
        String supervisor = user(Fixtures.newTenant().api(), "SUPERVISOR");
        chromium.signIn("/portal/live.xhtml", supervisor, PASSWORD);
        String firstRead = browser.findElement(By.id("read-at")).getText();
        assertTrue(Fixtures.eventually(EVENTUALLY, () ->
                        !firstRead.equals(js("var t = document.getElementById('read-at'); return t && t.textContent;"))),
                "the page reads the figures again by itself");

        browser.findElement(By.id("session:logout")).click();
        chromium.waitFor(By.id("j_username"));
    }

    @Test
    void agentsAreShownTheForbiddenPageNotTheFigures() {
        String agentUser = user(Fixtures.newTenant().api(), "AGENT");

        chromium.signIn("/portal/live.xhtml", agentUser, PASSWORD);
        assertEquals("Not for your role", browser.findElement(By.tagName("h1")).getText());
        browser.get(ParleyDeployment.http() + "/portal/reports.xhtml");
        assertEquals("Not for your role", chromium.waitFor(By.tagName("h1")).getText());
    }

    // ---- the contact center, through the REST API -----------------------------------------------------------

    private static String user(Http api, String role) {
        String username = role.toLowerCase() + "-" + System.nanoTime();
        Http.Reply created = api.post("/api/v1/users", """
                {"username":"%s","displayName":"%s %s","role":"%s","password":"%s"}"""
                .formatted(username, role, username, role, PASSWORD));
        assertEquals(201, created.status(), created::toString);
        return username;
    }

    private static long agent(Http api) {
        Http.Reply created = api.post("/api/v1/agents", """
                {"extension":"2001","displayName":"Ann Agent","skills":[]}""");
        assertEquals(201, created.status(), created::toString);
        return created.json().getJsonNumber("id").longValue();
    }

    private static long queue(Http api, String name, long member) {
        Http.Reply created = api.post("/api/v1/queues", """
                {"name":"%s","strategy":"LONGEST_IDLE","slaPercent":80,"slaSeconds":20,"wrapUpSeconds":0}"""
                .formatted(name));
        assertEquals(201, created.status(), created::toString);
        long id = created.json().getJsonNumber("id").longValue();
        Http.Reply added = api.put("/api/v1/queues/" + id + "/members/" + member, "");
        assertEquals(200, added.status(), added::toString);
        return id;
    }

    /**
     * The agent answers the first customer and completes; then logs out, so the second customer waits and hangs up
     * at once (a short abandon, counted apart from the abandoned).
     */
    private static void answerOneCustomerAndLoseAnother(Http api, long agent, long queue) {
        Http desk = Fixtures.agentKey(api, agent);
        assertEquals(200, state(desk, agent, "LOG_IN").status());
        String first = customer(api, queue, "+331000");
        assertTrue(Fixtures.eventually(EVENTUALLY, () -> api.get("/api/v1/agents/" + agent + "/offer").status() == 200),
                "the customer is offered to the agent");
        String offer = api.get("/api/v1/agents/" + agent + "/offer").json().getString("id");
        Http.Reply accepted = desk.post("/api/v1/offers/" + offer + "/accept", "");
        assertEquals(200, accepted.status(), accepted::toString);
        Http.Reply completed = desk.post("/api/v1/interactions/" + first + "/complete", "");
        assertEquals(200, completed.status(), completed::toString);
        assertTrue(Fixtures.eventually(EVENTUALLY, () -> "AVAILABLE".equals(
                api.get("/api/v1/agents/" + agent + "/state").json().getString("state"))), "a wrap-up of 0 s ends");
        Http.Reply loggedOut = state(desk, agent, "LOG_OUT");
        assertEquals(200, loggedOut.status(), loggedOut::toString);

        String second = customer(api, queue, "+331001");
        Http.Reply left = api.delete("/api/v1/interactions/" + second);
        assertEquals(200, left.status(), left::toString);
        assertEquals("ABANDONED", left.json().getString("status"));
    }

    private static Http.Reply state(Http api, long agent, String action) {
        return api.post("/api/v1/agents/" + agent + "/state", "{\"action\":\"" + action + "\"}");
    }

    private static String customer(Http api, long queue, String number) {
        Http.Reply queued = api.post("/api/v1/queues/" + queue + "/interactions", """
                {"channel":"VOICE","customer":"%s"}""".formatted(number));
        assertEquals(201, queued.status(), queued::toString);
        return queued.json().getString("id");
    }

    // ---- the pages ------------------------------------------------------------------------------------------

    /**
     * The queue's row as class → text, once it satisfies the condition. Read in one script: the live page replaces
     * its table every few seconds, so elements found one by one may be gone before they are read.
     */
    private Map<String, String> waitForRow(String table, long queue, Predicate<Map<String, String>> condition) {
        AtomicReference<Map<String, String>> last = new AtomicReference<>(Map.of());
        boolean seen = Fixtures.eventually(EVENTUALLY, () -> {
            last.set(row(table, queue));
            return condition.test(last.get());
        });
        assertTrue(seen, () -> "queue " + queue + " in #" + table + " shows " + last.get());
        return last.get();
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> row(String table, long queue) {
        Object cells = js("""
                var row = document.querySelector('#' + arguments[0] + ' tr[data-queue="' + arguments[1] + '"]');
                if (!row) { return {}; }
                var cells = {};
                row.querySelectorAll('td').forEach(function (td) { cells[td.className] = td.textContent.trim(); });
                return cells;""", table, Long.toString(queue));
        return cells instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
    }

    private static List<String> figures(Map<String, String> row) {
        return FIGURES.stream().map(row::get).toList();
    }

    private void setDate(String id, LocalDate date) {
        js("document.getElementById(arguments[0]).value = arguments[1];", id, date == null ? "" : date.toString());
    }

    /**
     * Submits the report form as its Download CSV button does, from the page (so with its session and view state),
     * and answers status, Content-Type, Content-Disposition and body: a headless browser's own downloads land in a
     * directory this test would have to watch.
     */
    private Object[] downloadCsv() {
        Object answer = ((JavascriptExecutor) browser).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var form = document.getElementById('report');
                var fields = new URLSearchParams(new FormData(form));
                fields.append('report:download', 'Download CSV');
                fetch(form.action, {method: 'POST', body: fields, credentials: 'same-origin'})
                    .then(function (r) {
                        return r.text().then(function (body) {
                            done([r.status, r.headers.get('Content-Type'), r.headers.get('Content-Disposition'),
                                  body]);
                        });
                    })
                    .catch(function (e) { done([0, '', '', String(e)]); });""");
        return ((List<?>) answer).toArray();
    }

    private Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }
}
