/**
 * RTP (RFC 3550): packet views and writers over byte buffers, sequence tracking across wraps and SSRC changes,
 * reception statistics (loss, duplicates, interarrival jitter) and the estimated MOS derived from them.
 */
package org.parley.media.rtp;
