/**
 * Interactions as the router sees them: a call, a chat or a callback is one kind of thing with a channel, a
 * priority, required skills, an enqueue time and a customer, moving through an explicit lifecycle.
 */
package org.parley.acd.routing.interaction;
