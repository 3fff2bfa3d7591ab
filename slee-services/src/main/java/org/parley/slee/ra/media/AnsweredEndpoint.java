package org.parley.slee.ra.media;

import java.util.Objects;

import org.parley.media.control.Endpoint;

/**
 * An endpoint created to answer a peer's offer, started as an activity, with the SDP answer to send back (in the
 * 200 OK or the ACK).
 */
public record AnsweredEndpoint(Endpoint endpoint, String answer) {

    public AnsweredEndpoint {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(answer, "answer");
    }
}
