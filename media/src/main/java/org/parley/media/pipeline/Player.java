package org.parley.media.pipeline;

import java.util.Arrays;
import java.util.List;

/**
 * Plays a playlist of already-loaded sources (prompts, tones, silences) frame by frame, optionally looping (music on
 * hold). Loading prompt files is the caller's job, off the media clock.
 *
 * <p>Not thread-safe: owned by the thread that ticks the endpoint.
 */
public final class Player {

    /** Something that yields samples until it is exhausted. */
    public interface Source {

        /** Fills up to {@code length} samples; returns how many, 0 when exhausted. */
        int read(short[] frame, int offset, int length);

        /** Starts again from the beginning, for looping playlists. */
        void rewind();
    }

    private final Source[] sources;
    private final boolean loop;
    private int current;

    public Player(List<Source> sources, boolean loop) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("nothing to play");
        }
        this.sources = sources.toArray(Source[]::new);
        this.loop = loop;
    }

    /**
     * Fills the frame with the next 20 ms, padding with silence after the end.
     *
     * @return false once the playlist has ended (a looping one never ends)
     */
    public boolean next(short[] frame) {
        int filled = 0;
        int emptyInARow = 0;
        while (filled < frame.length && current < sources.length) {
            int n = sources[current].read(frame, filled, frame.length - filled);
            filled += n;
            if (n == 0) {
                current++;
                if (current == sources.length && loop) {
                    // A playlist of empty sources would spin forever without this.
                    if (++emptyInARow > sources.length) {
                        break;
                    }
                    for (Source s : sources) {
                        s.rewind();
                    }
                    current = 0;
                }
            } else {
                emptyInARow = 0;
            }
        }
        Arrays.fill(frame, filled, frame.length, (short) 0);
        return filled > 0 || current < sources.length;
    }

    /** Samples of a loaded prompt. */
    public static Source samples(short[] audio) {
        return new Source() {
            private int position;

            @Override
            public int read(short[] frame, int offset, int length) {
                int n = Math.min(length, audio.length - position);
                System.arraycopy(audio, position, frame, offset, n);
                position += n;
                return n;
            }

            @Override
            public void rewind() {
                position = 0;
            }
        };
    }

    /** A tone for a number of samples. */
    public static Source tone(java.util.function.Supplier<ToneGenerator> tone, int samples) {
        return new Source() {
            private ToneGenerator generator = tone.get();
            private int left = samples;

            @Override
            public int read(short[] frame, int offset, int length) {
                int n = Math.min(length, left);
                generator.fill(frame, offset, n);
                left -= n;
                return n;
            }

            @Override
            public void rewind() {
                generator = tone.get();
                left = samples;
            }
        };
    }

    public static Source silence(int samples) {
        return new Source() {
            private int left = samples;

            @Override
            public int read(short[] frame, int offset, int length) {
                int n = Math.min(length, left);
                Arrays.fill(frame, offset, offset + n, (short) 0);
                left -= n;
                return n;
            }

            @Override
            public void rewind() {
                left = samples;
            }
        };
    }
}
