/** Container adapters for CDRs: the write-behind journal of call steps, the projection MDB, JPA. */
package org.parley.cdr.internal;
