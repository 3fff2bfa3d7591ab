package org.parley.health;

/**
 * A part of Parley that can tell whether it works. Implementations are CDI beans in any module of the EAR (the
 * SIP and media services add theirs); a check must return within a couple of seconds and never throw.
 */
public interface HealthContributor {

    /** A short stable name, e.g. {@code database}, {@code messaging}, {@code sip}. */
    String name();

    PartHealth check();
}
