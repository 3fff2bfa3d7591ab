package org.parley.sip.call;

import java.time.Duration;
import java.util.Objects;

/**
 * How the call service treats calls between extensions.
 *
 * @param noAnswerTimeout how long the callee's phones ring before the caller gets 408 and the phones a CANCEL
 */
public record CallSettings(Duration noAnswerTimeout) {

    /**
     * Thirty seconds of ringing: about six rings of the ITU-T E.180 cadence, what PBX users expect before voicemail
     * or a "no answer", and within the three minutes RFC 3261 §13.3.1.1 lets a UAS ring before it must answer.
     */
    public static final CallSettings DEFAULT = new CallSettings(Duration.ofSeconds(30));

    public CallSettings {
        Objects.requireNonNull(noAnswerTimeout, "noAnswerTimeout");
        if (noAnswerTimeout.isNegative() || noAnswerTimeout.isZero()) {
            throw new IllegalArgumentException("noAnswerTimeout must be positive: " + noAnswerTimeout);
        }
    }
}
