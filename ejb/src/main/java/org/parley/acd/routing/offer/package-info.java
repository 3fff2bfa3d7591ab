/**
 * Offers as leases: an offer reserves an agent for one interaction until it is accepted, declined, times out or is
 * withdrawn, and keeps the routing decision that explains it. Every reservation ends.
 */
package org.parley.acd.routing.offer;
