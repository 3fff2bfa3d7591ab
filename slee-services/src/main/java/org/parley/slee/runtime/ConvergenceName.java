package org.parley.slee.runtime;

import javax.slee.Address;

import org.parley.slee.ra.ActivityHandle;

/**
 * The convergence name of JSLEE 1.0: the selected values of one initial event; unselected ones are null. Two
 * initial events with equal names go to the same root entity of a service.
 */
record ConvergenceName(ActivityHandle activity, Address address, Class<?> eventType, EventIdentity event,
                       String customName) {

    /** Compares events by identity, so "select the event" means a fresh root entity per event object. */
    record EventIdentity(Object event) {

        @Override
        public boolean equals(Object other) {
            return other instanceof EventIdentity identity && identity.event == event;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(event);
        }
    }
}
