/** Is Parley able to serve? Each part (database, messaging, later SIP and media) reports through a
 * {@link org.parley.health.HealthContributor}; the overall state is UP only when every part is. */
package org.parley.health;
