package org.parley.media.control;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Something that happened on an endpoint, delivered to its {@link MediaListener}. */
public sealed interface MediaEvent {

    EndpointId endpoint();

    Instant at();

    /** How a digit reached us. */
    enum DigitSource {
        /** RFC 4733 telephone-event packets. */
        RFC4733,
        /** Tones in the audio, found by the Goertzel detector. */
        IN_BAND
    }

    /** One DTMF digit, reported once when it began (a long press is still one digit). */
    record DigitReceived(EndpointId endpoint, Instant at, char digit, DigitSource source) implements MediaEvent {
    }

    /** Why a digit collection ended. */
    enum CollectionEnd { MAX_DIGITS, TERMINATOR, TIMEOUT, CANCELLED }

    /** The result of {@link Endpoint#collectDigits(DigitCollection)}; {@code digits} excludes the terminator. */
    record DigitsCollected(EndpointId endpoint, Instant at, String digits, CollectionEnd end) implements MediaEvent {
    }

    /** A play request ended, either because it finished ({@code stopped} false) or was stopped or replaced. */
    record PlayCompleted(EndpointId endpoint, Instant at, boolean stopped) implements MediaEvent {
    }

    /** A recording was closed and is complete on disk. */
    record RecordingCompleted(EndpointId endpoint, Instant at, Path path, Duration duration, long sizeBytes,
                              String sha256) implements MediaEvent {
        public RecordingCompleted {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * A recording could not be written (disk full, permissions). The call goes on; the part written so far, if any,
     * is left at {@code path} with a valid header.
     */
    record RecordingFailed(EndpointId endpoint, Instant at, Path path, String reason) implements MediaEvent {
    }

    /** No RTP arrived for {@code silence} on a stream that should be receiving: the peer is probably gone. */
    record RtpTimeout(EndpointId endpoint, Instant at, Duration silence) implements MediaEvent {
    }

    /** Something went wrong that call control should know about, e.g. a prompt that could not be loaded. */
    record Error(EndpointId endpoint, Instant at, String message) implements MediaEvent {
    }

    /**
     * The endpoint was closed, by call control or with the server, and has released its ports. It is the endpoint's
     * last event: it follows the outcome of every recording that reports to this endpoint (its own, and bridge
     * recordings naming it), so whoever tracks the endpoint can forget it here without losing a recording.
     */
    record EndpointClosed(EndpointId endpoint, Instant at) implements MediaEvent {
    }
}
