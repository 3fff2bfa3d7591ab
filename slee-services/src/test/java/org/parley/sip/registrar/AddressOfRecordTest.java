package org.parley.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AddressOfRecordTest {

    @Test
    void buildsAndTakesApartTheFormBindingsAndCallsAreKeyedBy() {
        String aor = AddressOfRecord.of("1001", "acme.example");
        assertEquals("sip:1001@acme.example", aor);
        assertEquals("1001", AddressOfRecord.user(aor));
        assertEquals("acme.example", AddressOfRecord.domain(aor));
        assertEquals("acme.example", AddressOfRecord.domain("sip:1001@acme.example:5060;transport=udp"));
        assertEquals("", AddressOfRecord.user("sip:acme.example"));
    }
}
