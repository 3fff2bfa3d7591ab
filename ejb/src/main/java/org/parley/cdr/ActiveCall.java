package org.parley.cdr;

import java.time.Instant;
import java.util.Optional;

/** A call in progress, as call control knows it right now. */
public record ActiveCall(String call, String caller, String callee, String state, Instant startedAt,
        Optional<Instant> answeredAt) {
}
