/** The audit trail's adapters: its JPA store and the MDB that feeds it from the events topic. */
package org.parley.audit.internal;
