/**
 * Skills and levels (1–10) as the router sees them: what an agent has, what an interaction requires, and how the
 * requirement relaxes the longer a customer waits.
 */
package org.parley.acd.routing.skill;
