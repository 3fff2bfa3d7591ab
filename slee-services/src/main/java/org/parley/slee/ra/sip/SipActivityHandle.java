package org.parley.slee.ra.sip;

import org.parley.slee.ra.ActivityHandle;

/**
 * Keys of the SIP adaptor's activities. A number handed out by the adaptor and kept in the JAIN SIP object's
 * application data, since a transaction's branch and a dialog's id are not both known and stable when the activity
 * starts (a dialog gets its id only once the To tag is known).
 */
public sealed interface SipActivityHandle extends ActivityHandle {

    record Transaction(long id) implements SipActivityHandle {
    }

    record Dialog(long id) implements SipActivityHandle {
    }
}
