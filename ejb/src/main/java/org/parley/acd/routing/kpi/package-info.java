/**
 * Contact-center figures (offered, answered, abandoned, short abandons, service level, ASA, AHT, abandon rate,
 * agent occupancy) computed per interval from the router's event stream, so the live view and the reports agree.
 * Definitions follow {@code shared/notes/contact-center-kpis.md}; each class states the variant it uses.
 */
package org.parley.acd.routing.kpi;
