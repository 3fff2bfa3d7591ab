/**
 * The running media server behind {@link org.parley.media.control.MediaServer}: UDP RTP endpoints on NIO, the
 * 20 ms media clock on a small fixed pool of workers, bridges, and the I/O and event threads around them. Embedded
 * in the EAR or run on its own for scale-out media nodes.
 */
package org.parley.media.server;
