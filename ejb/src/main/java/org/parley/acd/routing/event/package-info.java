/**
 * The router's domain events (unique id, time, type, payload) and the sink port they leave through; the event log
 * and the JMS topic are adapters behind the sink, and the KPI projections read the same events.
 */
package org.parley.acd.routing.event;
