package org.parley.slee.ra.sip;

import javax.sip.ServerTransaction;

/**
 * The event that carries the result of work an SBB started off the event thread (a database lookup) back onto the
 * server transaction's activity, see {@link SleeSipProvider#resumeWhen}. Exactly one of {@code value} and
 * {@code failure} is set (a null value is allowed when the work succeeded with nothing).
 */
public record Resumption(ServerTransaction transaction, Object value, Throwable failure) {

    public boolean failed() {
        return failure != null;
    }
}
