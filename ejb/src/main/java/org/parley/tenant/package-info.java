/** Tenants: the unit of isolation. Every agent, queue, user and key belongs to one, and every query is scoped by it.
 * A tenant's SIP domain is its digest-authentication realm. */
package org.parley.tenant;
