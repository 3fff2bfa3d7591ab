/**
 * The ACD's routing core in plain Java: the {@link org.parley.acd.routing.Router} decides who gets which customer
 * next, the {@link org.parley.acd.routing.RoutingEngine} makes it a single writer per tenant, and the
 * {@link org.parley.acd.routing.Reconciler} checks and repairs the invariants. Time comes from an injected clock
 * and {@link org.parley.time.Scheduler}; events leave through a sink port.
 */
package org.parley.acd.routing;
