package org.parley.acd.routing;

import java.util.Objects;

/**
 * A broken routing invariant the {@link Reconciler} found, and what it did about it.
 *
 * @param subject the agent or interaction concerned
 */
public record InvariantViolation(Kind kind, String subject, String repair) {

    public enum Kind {
        /** Reserved with no live offer ringing for it: the classic ghost reservation. */
        RESERVED_WITHOUT_OFFER,
        /** Busy with nothing connected to them. */
        BUSY_WITHOUT_INTERACTION,
        /** Outside ring-all, an interaction ringing at more than one agent. */
        OFFERED_TO_SEVERAL,
        /** An offer ringing at an agent whose phone or desktop is gone. */
        OFFERED_TO_UNREACHABLE,
        /** An offer ringing for an interaction that has ended or connected. */
        OFFER_FOR_DEAD_INTERACTION,
        /** An interaction marked as ringing that rings nowhere: without repair it would wait forever, unseen. */
        OFFERED_WITHOUT_LEASE
    }

    public InvariantViolation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(repair, "repair");
    }
}
