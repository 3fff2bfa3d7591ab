package org.parley.cdr;

import java.util.Objects;
import java.util.Optional;

/**
 * How a call ended.
 *
 * @param disposition ANSWERED, BUSY, NO_ANSWER, CANCELLED, REJECTED, UNAVAILABLE, NOT_FOUND or FAILED
 * @param hangupSide  CALLER, CALLEE or SYSTEM
 * @param finalCode   the SIP final response the caller got (200 for an answered call)
 * @param codec       the caller leg's negotiated codec (e.g. PCMU), when media was set up
 * @param reason      why Parley ended the call when its media failed (e.g. CALLER_ANSWER_MISSING: the caller's ACK
 *                    brought no answer to our offer)
 */
public record CallOutcome(String disposition, String hangupSide, int finalCode, Optional<String> codec,
        Optional<LegQuality> caller, Optional<LegQuality> callee, Optional<String> reason) {

    public CallOutcome {
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(hangupSide, "hangupSide");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(callee, "callee");
        Objects.requireNonNull(reason, "reason");
    }

    /** An outcome with no failure to explain. */
    public CallOutcome(String disposition, String hangupSide, int finalCode, Optional<String> codec,
            Optional<LegQuality> caller, Optional<LegQuality> callee) {
        this(disposition, hangupSide, finalCode, codec, caller, callee, Optional.empty());
    }
}
