package org.parley.media.control;

import java.nio.file.Path;
import java.util.Objects;

/** Where and how to record: a WAV file of 16-bit PCM at 8 kHz. */
public record RecordingRequest(Path file, Layout layout) {

    public RecordingRequest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(layout, "layout");
    }

    /** How parties map to channels. */
    public enum Layout {
        /** One channel holding the sum of everybody. */
        MONO_MIX,
        /** Two channels, each party on its own, so a QA reviewer or a transcriber can tell them apart. */
        STEREO_SPLIT
    }
}
