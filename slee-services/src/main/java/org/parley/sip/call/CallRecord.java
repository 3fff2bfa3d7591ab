package org.parley.sip.call;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the CDR projection needs of one call between extensions, filled in by the state machine as the call goes:
 * who called whom, when it started, first rang, was answered and ended, how it ended and who hung up, and the final
 * response the caller got (200 for an answered call). Immutable, for a CMP field.
 *
 * @param caller     the caller's address-of-record, as authenticated
 * @param callee     the dialled address-of-record
 * @param start      when the authenticated INVITE was taken in
 * @param ring       when the caller was first told the callee rings (180 or 183)
 * @param answer     when the callee answered and the caller was sent 200
 * @param end        when the call ended for its parties
 * @param finalCode  the final response status the caller got
 * @param mediaFailure why the call's media failed, when that is what ended the call: the CDR's end reason. An
 *                   answered call whose caller leg never had media is FAILED with final code 200; one whose media was
 *                   lost after talking stays ANSWERED, and this says why Parley hung it up
 *                   ({@link FinalResponsePolicy#dispositionOfAnswered})
 */
public record CallRecord(String caller, String callee, Instant start, Optional<Instant> ring,
                         Optional<Instant> answer, Optional<Instant> end, Optional<Disposition> disposition,
                         Optional<HangupSide> hangupSide, OptionalInt finalCode, Optional<MediaFailure> mediaFailure) {

    public CallRecord {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(callee, "callee");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(ring, "ring");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(hangupSide, "hangupSide");
        Objects.requireNonNull(finalCode, "finalCode");
        Objects.requireNonNull(mediaFailure, "mediaFailure");
        if (end.isPresent() != disposition.isPresent() || end.isPresent() != hangupSide.isPresent()
                || end.isPresent() != finalCode.isPresent()) {
            throw new IllegalArgumentException("an ended record has an end, a disposition, a side and a final code");
        }
        if (mediaFailure.isPresent() && end.isEmpty()) {
            throw new IllegalArgumentException("a media failure is recorded only with the end it caused");
        }
    }

    /** A record without media failure. */
    public CallRecord(String caller, String callee, Instant start, Optional<Instant> ring, Optional<Instant> answer,
                      Optional<Instant> end, Optional<Disposition> disposition, Optional<HangupSide> hangupSide,
                      OptionalInt finalCode) {
        this(caller, callee, start, ring, answer, end, disposition, hangupSide, finalCode, Optional.empty());
    }

    public static CallRecord started(String caller, String callee, Instant at) {
        return new CallRecord(caller, callee, at, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), OptionalInt.empty());
    }

    /** The first ring counts; later branches ringing do not move it. */
    CallRecord rang(Instant at) {
        if (ring.isPresent()) {
            return this;
        }
        return new CallRecord(caller, callee, start, Optional.of(at), answer, end, disposition, hangupSide,
                finalCode);
    }

    CallRecord answered(Instant at) {
        if (answer.isPresent()) {
            throw new IllegalStateException("the call was already answered at " + answer.get());
        }
        return new CallRecord(caller, callee, start, ring, Optional.of(at), end, disposition, hangupSide, finalCode);
    }

    CallRecord ended(Instant at, Disposition how, HangupSide side, int code, Optional<MediaFailure> failure) {
        if (end.isPresent()) {
            throw new IllegalStateException("the call already ended at " + end.get());
        }
        return new CallRecord(caller, callee, start, ring, answer, Optional.of(at), Optional.of(how),
                Optional.of(side), OptionalInt.of(code), failure);
    }

    public boolean isEnded() {
        return end.isPresent();
    }

    /** From answer to end, for an answered call that has ended. */
    public Optional<Duration> talkTime() {
        return answer.flatMap(a -> end.map(e -> Duration.between(a, e)));
    }
}
