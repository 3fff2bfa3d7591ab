/** Test fixtures deployed beside Parley in the test EAR only ({@code it-support.war}): provision tenants with keys,
 * and break the database, the audit table or the ACD's routing invariants on purpose so tests can watch Parley cope. Never shipped. */
package org.parley.it.support;
