package org.parley.slee.ra.media;

import org.parley.media.control.BridgeId;
import org.parley.media.control.EndpointId;
import org.parley.slee.ra.ActivityHandle;

/** Keys of the media adaptor's activities: the control API's own ids, which every media event carries. */
public sealed interface MediaActivityHandle extends ActivityHandle {

    record EndpointActivity(EndpointId endpoint) implements MediaActivityHandle {
    }

    record BridgeActivity(BridgeId bridge) implements MediaActivityHandle {
    }
}
