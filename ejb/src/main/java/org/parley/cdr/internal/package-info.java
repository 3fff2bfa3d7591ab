/** Container adapters for CDRs: the write-behind journal of call steps, the projection on the event log, JPA. */
package org.parley.cdr.internal;
