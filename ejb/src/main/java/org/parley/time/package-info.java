/** Time as the whole code base sees it: everything timed takes an injected {@link java.time.Clock} and schedules
 * through the {@link org.parley.time.Scheduler} port (STYLE.md), so tests fix or advance time instead of sleeping. */
package org.parley.time;
