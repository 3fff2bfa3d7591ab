/** The one stream of domain events (DESIGN.md): every change is appended to the event log and published on the
 * {@code parley.events} topic in the same transaction. Projections (audit log, CDRs, wallboard) consume it. */
package org.parley.event;
