/** DTMF as RFC 4733 telephone-events: the payload format, a receiver that reports each digit once, and a sender. */
package org.parley.media.codec.dtmf;
