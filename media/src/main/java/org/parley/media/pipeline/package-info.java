/**
 * Audio processing on 20 ms frames of 16-bit linear PCM at 8 kHz: the conference mixer, tone generation, in-band
 * DTMF detection, the WAV recorder and the prompt reader. Everything here works on caller-owned, preallocated arrays.
 */
package org.parley.media.pipeline;
