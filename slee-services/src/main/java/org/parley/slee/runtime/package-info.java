/**
 * Parley's compact JAIN SLEE runtime: activity contexts, event routing with initial-event convergence, SBB entities
 * whose CMP state the runtime holds (so a handler that throws is rolled back), child relations, and the timer,
 * null-activity and activity-context-naming facilities. {@link org.parley.slee.runtime.Slee} is the entry point.
 *
 * <p>Writing an SBB against the JSLEE 1.0 API jar, the Parley way:
 * <ul>
 * <li>a public abstract class extending {@link org.parley.slee.runtime.BaseSbb} (which holds the empty lifecycle
 *     callbacks), with a public no-argument constructor;</li>
 * <li>event handlers: {@code void on<Event>(E event, ActivityContextInterface aci)}; an event goes to the handler
 *     whose {@code E} is the most specific type it is an instance of; {@code <Event>} is the name
 *     {@code maskEvent} takes;</li>
 * <li>CMP fields: abstract {@code getX()}/{@code isX()} and {@code setX(T)} pairs; values should be immutable
 *     (strings, numbers, records, local objects, activity context interfaces), since rollback restores
 *     references;</li>
 * <li>child relations: an abstract {@code ChildRelation getY()} annotated
 *     {@link org.parley.slee.runtime.ChildSbb @ChildSbb(ChildClass.class)};</li>
 * <li>fire methods: abstract {@code void fireZ(E event, ActivityContextInterface aci, Address address)}; the
 *     event is queued when the transaction commits;</li>
 * <li>a local interface other entities call: {@link org.parley.slee.runtime.SbbLocal @SbbLocal};</li>
 * <li>facilities, the clock and resource adaptors: from {@link org.parley.slee.runtime.SleeSbbContext}
 *     ({@code context()} in {@code BaseSbb}) rather than JNDI.</li>
 * </ul>
 * A service ({@link org.parley.slee.runtime.Service}) names the root SBB, its initial event types and their
 * convergence. Any other abstract method makes installation fail with
 * {@link org.parley.slee.runtime.SbbDefinitionException}.
 */
package org.parley.slee.runtime;
