/**
 * Session descriptions (RFC 4566) and the offer/answer model (RFC 3264) for Parley's audio endpoints: parse,
 * build, and agree on codecs, telephone-events, direction and packetization time.
 */
package org.parley.media.sdp;
