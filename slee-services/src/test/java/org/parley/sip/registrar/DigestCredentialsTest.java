package org.parley.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class DigestCredentialsTest {

    @Test
    void parsesQuotedValuesWithEscapesAndCommasAndTokens() {
        DigestCredentials credentials = DigestCredentials.parse(
                "Digest username=\"al\\\"ice\",realm=\"a, b\" , NC=00000001,qop=auth, uri=\"sip:x\"").orElseThrow();

        assertEquals("al\"ice", credentials.username());
        assertEquals("a, b", credentials.realm());
        assertEquals(Optional.of("00000001"), credentials.parameter("nc"));
        assertEquals(Optional.of("auth"), credentials.parameter("qop"));
        assertEquals("sip:x", credentials.uri());
    }

    @Test
    void refusesOtherSchemesUnclosedQuotesAndRepeatedParameters() {
        assertTrue(DigestCredentials.parse("Basic dXNlcjpwYXNz").isEmpty());
        assertTrue(DigestCredentials.parse("Digest username=\"open").isEmpty());
        assertTrue(DigestCredentials.parse("Digest nonce=\"a\", nonce=\"b\"").isEmpty());
        assertTrue(DigestCredentials.parse("Digest =x").isEmpty());
    }
}
