/**
 * The media resource adaptor over the media module's control API: endpoints and bridges are SLEE activities, their
 * {@link org.parley.media.control.MediaEvent}s (digits, prompts done, recordings done or failed, RTP timeouts, errors)
 * are SLEE events on them, and closing one ends its activity. SBBs reach it through {@link
 * org.parley.slee.ra.media.MediaProvider}.
 */
package org.parley.slee.ra.media;
