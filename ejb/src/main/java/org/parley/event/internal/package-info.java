/** The event log's adapter: a JDBC insert and a JMS publish through {@code java:/JmsXA}, one XA transaction. */
package org.parley.event.internal;
