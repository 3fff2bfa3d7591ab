/**
 * Parley's resource-adaptor contract: how a protocol adaptor (SIP, media) starts activities, fires events on them
 * and ends them in the SLEE runtime. JSLEE 1.0 has no such contract (it arrived in 1.1), so this is a small one of
 * our own, shaped after 1.1's {@code ResourceAdaptor}/{@code SleeEndpoint}.
 */
package org.parley.slee.ra;
