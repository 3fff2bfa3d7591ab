/**
 * The control API of Parley's media server: what SIP call control (the media resource adaptor in
 * {@code slee-services}) uses to create endpoints, negotiate SDP, bridge, play, record and collect digits.
 * Every type here is thread-safe; results of long operations arrive later as {@link org.parley.media.control.MediaEvent}s.
 */
package org.parley.media.control;
