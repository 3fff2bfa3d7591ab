package org.parley.acd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.parley.acd.PhonePresence.KnownBinding;
import org.parley.event.DomainEvent;
import org.parley.tenant.TenantId;

class PhonePresenceFoldTest {

    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");

    private static DomainEvent event(String kind, String extension, String contact, int expiresInMinutes, long cseq) {
        return new DomainEvent(UUID.randomUUID(), new TenantId(1), T0, "sip." + kind, "phone", extension, "sip",
                Map.of("domain", "acme.example", "contact", contact, "expiresAt",
                        T0.plusSeconds(60L * expiresInMinutes).toString(), "callId", "c-" + extension, "cseq",
                        Long.toString(cseq)));
    }

    @Test
    void theLastWordPerContactDecidesAndExpiredOnesAreGone() {
        List<DomainEvent> log = List.of(
                event("Registered", "1001", "sip:1001@10.0.0.1:5060", 60, 1),
                event("Registered", "1002", "sip:1002@10.0.0.2:5060", 60, 1),
                event("Registered", "1003", "sip:1003@10.0.0.3:5060", 5, 1),
                event("Refreshed", "1001", "sip:1001@10.0.0.1:5060", 90, 2),
                event("Unregistered", "1002", "sip:1002@10.0.0.2:5060", 0, 2));

        List<KnownBinding> live = PhonePresenceBean.fold(log, T0.plusSeconds(600));

        assertEquals(List.of(new KnownBinding("acme.example", "1001", "sip:1001@10.0.0.1:5060",
                T0.plusSeconds(5400), "c-1001", 2, java.util.Optional.empty())), live);
    }
}
