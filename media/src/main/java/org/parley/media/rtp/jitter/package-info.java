/** The adaptive jitter buffer between an inbound RTP stream and the 20 ms media clock, with loss concealment. */
package org.parley.media.rtp.jitter;
