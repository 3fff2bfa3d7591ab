/** The audit trail: who changed what and when, projected from the event stream by a durable, idempotent consumer. */
package org.parley.audit;
