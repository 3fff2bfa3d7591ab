/**
 * Call detail records: the call control's steps (started, ringing, answered, ended with quality figures) as events in
 * the one log, the CDR each call leaves as their projection, and the calls in progress (a port the SIP services
 * implement).
 */
package org.parley.cdr;
