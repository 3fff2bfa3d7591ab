package org.parley.it.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

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
 * A portal session does not outlive its account: a user disabled while signed in is signed out on the next click.
 * Elytron does not always re-read a cached session's identity from the realm, so Parley checks the account on
 * every portal request (SignedInFilter); without that check this test was seen to get a 500 here.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PortalSessionIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ParleyDeployment.earWithTestSupport();
    }

    @Test
    void aUserDisabledWhileSignedInIsSentToTheLoginPage() throws Exception {
        Http api = Fixtures.newTenant().api();
        String username = "sup-" + System.nanoTime();
        String password = "supervisor-password-1";
        Http.Reply created = api.post("/api/v1/users", """
                {"username":"%s","displayName":"Sam Supervisor","role":"SUPERVISOR","password":"%s"}"""
                .formatted(username, password));
        assertEquals(201, created.status(), created::toString);

        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        String base = ParleyDeployment.http();
        assertEquals(200, get(browser, base + "/portal/index.xhtml").statusCode(), "the login form is shown");
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=" + encode(username) + "&j_password="
                        + encode(password))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, login.statusCode(), login::body);
        HttpResponse<String> portal = get(browser, base + "/portal/index.xhtml");
        assertEquals(200, portal.statusCode());
        assertTrue(portal.body().contains("Sam Supervisor") || portal.body().contains(username), portal::body);

        assertEquals(204, api.delete("/api/v1/users/" + created.json().getJsonNumber("id")).status());

        HttpResponse<String> next = get(browser, base + "/portal/index.xhtml");
        assertEquals(302, next.statusCode(), next::body);
        assertTrue(next.headers().firstValue("Location").orElse("").endsWith("/login.xhtml"),
                () -> "sent to the login page: " + next.headers().map());
        HttpResponse<String> after = get(browser, base + "/portal/index.xhtml");
        assertTrue(after.statusCode() == 200 && after.body().contains("j_security_check"),
                "the session is gone: the login form again");
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
