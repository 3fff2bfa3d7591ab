package org.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Setting up tenants and faults through it-support.war, and waiting for what happens asynchronously. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A fresh tenant: its id, an ADMIN API key for it, and its admin's username. */
    public record TestTenant(long id, String apiKey, String adminUsername) {
        public Http api() {
            return Http.anonymous().withKey(apiKey);
        }
    }

    public static TestTenant newTenant() {
        Http.Reply reply = Http.anonymous().post("/it-support/tenant", "");
        assertEquals(200, reply.status(), reply::toString);
        String[] parts = reply.body().split(" ");
        return new TestTenant(Long.parseLong(parts[0]), parts[1], parts[2]);
    }

    /**
     * The tenant's SIP domain (its digest realm): it-support.war names a tenant's domain {@code it-<unique>.example}
     * and its admin {@code admin-<unique>}.
     */
    public static String sipDomain(TestTenant tenant) {
        return "it-" + tenant.adminUsername().substring("admin-".length()) + ".example";
    }

    /**
     * An API key that speaks for one agent (role AGENT), issued by the tenant's admin through the REST API: what an
     * agent's desktop uses. Agents change only their own state and answer only their own offers.
     */
    public static Http agentKey(Http admin, long agent) {
        return Http.anonymous().withKey(agentSecret(admin, agent));
    }

    /** The secret of a new key that speaks for the agent (see {@link #agentKey}). */
    public static String agentSecret(Http admin, long agent) {
        Http.Reply issued = admin.post("/api/v1/api-keys", """
                {"name":"desktop of agent %d","role":"AGENT","agentId":%d}""".formatted(agent, agent));
        assertEquals(201, issued.status(), issued::toString);
        return issued.json().getString("secret");
    }

    public static void databaseFault(String fault) {
        Http.Reply reply = Http.anonymous().post("/it-support/db?fault=" + fault, "");
        assertEquals(204, reply.status(), reply::toString);
    }

    /** Polls until the condition holds or the timeout passes; returns whether it held. */
    public static boolean eventually(Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
