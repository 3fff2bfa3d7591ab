package org.parley.sip.registrar;

import java.time.Duration;
import java.util.List;

/** What the registrar answers a REGISTER with, decided by the binding table. */
public sealed interface RegisterOutcome {

    /** 200 OK listing every current binding; {@code changes} feed the events topic. */
    record Bound(List<Binding> bindings, List<BindingChange> changes) implements RegisterOutcome {
    }

    /** 423 Interval Too Brief with a Min-Expires header (RFC 3261 §10.3 step 7). */
    record IntervalTooBrief(Duration minExpires) implements RegisterOutcome {
    }

    /** 400 Bad Request: e.g. a wildcard with a non-zero Expires or a negative expiry. */
    record Invalid(String reason) implements RegisterOutcome {
    }

    /**
     * The request is older than a binding it would change (same Call-ID, CSeq not higher), so RFC 3261 §10.3 says
     * the whole update fails; nothing was changed.
     */
    record OutOfOrder(String contact) implements RegisterOutcome {
    }
}
