package org.parley.media.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.parley.media.codec.g711.G711;
import org.parley.media.codec.opus.Opus;

class MediaServerConfigTest {

    @Test
    void codecsAreNamedAsInSdpAndOfferedInTheOrderGiven() throws Exception {
        assertEquals(List.of(G711.PCMU, G711.PCMA, Opus.CODEC), MediaServerConfig.defaults().codecs());
        assertEquals(Opus.CODEC, MediaServerConfig.codec("OPUS"));
        assertEquals(G711.PCMA, MediaServerConfig.codec(" pcma "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> MediaServerConfig.codec("G729"));
        assertEquals("unknown codec \"G729\": PCMU, PCMA or opus", e.getMessage());
        assertEquals(List.of(Opus.CODEC, G711.PCMU),
            MediaServerConfig.defaults().withCodecs(List.of(Opus.CODEC, G711.PCMU)).codecs());
        assertThrows(IllegalArgumentException.class, () -> MediaServerConfig.defaults().withCodecs(List.of()));

        String before = System.getProperty("parley.media.codecs");
        try {
            System.setProperty("parley.media.codecs", "opus,PCMA");
            assertEquals(List.of(Opus.CODEC, G711.PCMA), MediaServerConfig.fromSystemProperties().codecs());
        } finally {
            if (before == null) {
                System.clearProperty("parley.media.codecs");
            } else {
                System.setProperty("parley.media.codecs", before);
            }
        }
    }
}
