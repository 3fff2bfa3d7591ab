/** Opus (RFC 6716) over RTP (RFC 7587), encoded and decoded at our 8 kHz internal rate with the pure-Java Concentus. */
package org.parley.media.codec.opus;
