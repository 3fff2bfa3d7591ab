/**
 * The SIP resource adaptor over JAIN SIP RI: server and client transactions and dialogs are SLEE activities, JAIN
 * SIP's request, response and timeout events are SLEE events, and every request the stack hands over gets a final
 * response on every path (a failed handler → 500, a saturated SLEE → 503 with Retry-After, nobody answered → 500).
 */
package org.parley.slee.ra.sip;
