package org.parley.media.pipeline;

import java.io.IOException;

/** A prompt file in a format the player does not accept; the message says what it is and what would do. */
public class UnsupportedPromptException extends IOException {

    public UnsupportedPromptException(String message) {
        super(message);
    }
}
