package org.parley.media.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A playlist for {@link Endpoint#play(PlayRequest)}: prompts, tones and silences in order, optionally looped (music on
 * hold). Prompt files are WAV, 16-bit PCM, mono, 8 or 16 kHz (16 kHz is resampled on load).
 */
public record PlayRequest(List<Item> items, boolean loop) {

    public PlayRequest {
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a play request needs at least one item");
        }
    }

    public static PlayRequest of(Item... items) {
        return new PlayRequest(List.of(items), false);
    }

    public static PlayRequest looping(Item... items) {
        return new PlayRequest(List.of(items), true);
    }

    /** One element of a playlist. */
    public sealed interface Item permits Prompt, Tone, Dtmf, Silence {
    }

    /** A WAV file. */
    public record Prompt(Path file) implements Item {
        public Prompt {
            Objects.requireNonNull(file, "file");
        }
    }

    /** A call-progress tone; for {@link ToneKind#RINGBACK} and {@link ToneKind#BUSY} the cadence repeats. */
    public record Tone(ToneKind kind, Duration duration) implements Item {
        public Tone {
            Objects.requireNonNull(kind, "kind");
            requirePositive(duration);
        }
    }

    /** In-band DTMF digits, each {@code toneLength} long followed by as much silence. */
    public record Dtmf(String digits, Duration toneLength) implements Item {
        public Dtmf {
            requirePositive(toneLength);
            for (char c : digits.toCharArray()) {
                if ("0123456789*#ABCD".indexOf(c) < 0) {
                    throw new IllegalArgumentException("not a DTMF digit: " + c);
                }
            }
        }
    }

    public record Silence(Duration duration) implements Item {
        public Silence {
            requirePositive(duration);
        }
    }

    private static void requirePositive(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + d);
        }
    }
}
