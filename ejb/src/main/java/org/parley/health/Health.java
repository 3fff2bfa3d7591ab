package org.parley.health;

/** Asks every contributor. */
public interface Health {

    HealthReport check();
}
