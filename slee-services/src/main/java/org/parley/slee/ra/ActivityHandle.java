package org.parley.slee.ra;

/**
 * The adaptor's key for one of its activities (a SIP dialog, a media endpoint). The runtime keys activity contexts
 * by it, so implementations must be immutable values with {@code equals} and {@code hashCode}; records fit.
 */
public interface ActivityHandle {
}
