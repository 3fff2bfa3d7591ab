package org.parley.sip.call;

import java.util.Objects;
import java.util.Optional;

import org.parley.media.control.StreamStats;

/**
 * Where the call service hands a call's record each time the state machine asks for it (start, ring, answer, end):
 * the port the CDR projection implements. A record with {@link CallRecord#isEnded()} is the finished one.
 *
 * <p>Called on a SLEE event thread at the end of the handler that changed the record, so an implementation must
 * not block (no JDBC here: queue the record for the event log instead) and must not throw.
 */
@FunctionalInterface
public interface CallRecords {

    /**
     * The media figures of a call whose endpoints were released: the caller leg's negotiated codec and each leg's
     * stream statistics as Parley's media server measured them.
     */
    record CallMedia(Optional<String> codec, Optional<StreamStats> caller, Optional<StreamStats> callee) {

        public CallMedia {
            Objects.requireNonNull(codec, "codec");
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(callee, "callee");
        }
    }

    /**
     * @param call  the call's unique reference (a UUID, the same for all its records)
     * @param media present on the record published when the media was released (normally the ended one)
     */
    void publish(String call, CallRecord record, Optional<CallMedia> media);

    /** Records stay in the call's CMP state only. */
    static CallRecords discard() {
        return (call, record, media) -> {
        };
    }
}
