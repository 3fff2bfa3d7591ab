package org.parley.acd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** HA1 values against the RFCs' worked examples. */
class SipCredentialsTest {

    @Test
    void md5Ha1MatchesRfc2617Example() {
        // RFC 2617 §3.5: Mufasa / testrealm@host.com / "Circle Of Life".
        assertEquals("939e7578ed9e3c518a452acee763bce9",
                SipCredentials.derive("Mufasa", "testrealm@host.com", "Circle Of Life".toCharArray()).ha1Md5());
    }

    @Test
    void sha256Ha1MatchesRfc7616Example() {
        // RFC 7616 §3.9.1: Mufasa / http-auth@example.org / "Circle of Life".
        assertEquals("7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232",
                SipCredentials.derive("Mufasa", "http-auth@example.org", "Circle of Life".toCharArray())
                        .ha1Sha256());
    }

    @Test
    void neverShowsItselfInLogs() {
        SipCredentials c = SipCredentials.derive("1001", "acme.example", "secret-password".toCharArray());
        assertFalse(c.toString().contains(c.ha1Md5()));
    }
}
