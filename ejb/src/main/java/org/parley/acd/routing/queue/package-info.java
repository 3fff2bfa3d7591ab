/**
 * Queues as the router sees them: the routing policy (strategy, ring timeout, wrap-up, skills relaxation, priority
 * aging, service-level threshold, maximum wait and size with an overflow target), the waiting line in service
 * order, the strategies that rank candidate agents, and position with estimated wait.
 */
package org.parley.acd.routing.queue;
