package org.parley.sip.call;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which final response the caller gets when the call is not answered, and how that response reads in the call
 * record. The machine runs only after the caller authenticated, so telling an unknown extension (404) from a known
 * one with no phone registered (480) reveals nothing to strangers.
 *
 * <p>Media is anchored and the callee's phones are Parley's own extensions, so their responses carry three pieces
 * of news for the caller: busy, declined, or not available now. Everything else a phone says is about Parley's offer
 * or Parley's view of it (a stale contact's 404, a phone that challenges us, a 503 that would tell the caller's phone
 * that Parley itself is down, RFC 3261 §16.7 step 6) and reaches the caller as 480.
 */
public final class FinalResponsePolicy {

    private static final FinalResponsePolicy STANDARD = new FinalResponsePolicy();

    public static final int BUSY_HERE = 486;
    public static final int TEMPORARILY_UNAVAILABLE = 480;
    public static final int NOT_FOUND = 404;
    public static final int REQUEST_TIMEOUT = 408;
    public static final int REQUEST_TERMINATED = 487;
    public static final int NOT_ACCEPTABLE_HERE = 488;
    public static final int SERVICE_UNAVAILABLE = 503;
    public static final int BUSY_EVERYWHERE = 600;
    public static final int DECLINE = 603;
    public static final int DOES_NOT_EXIST_ANYWHERE = 604;

    private FinalResponsePolicy() {
    }

    public static FinalResponsePolicy standard() {
        return STANDARD;
    }

    /** No extension by the dialled name in the caller's tenant. */
    public int unknownCallee() {
        return NOT_FOUND;
    }

    /** The extension exists but has no live binding (RFC 3261 §21.4.18: known to the location service, not there). */
    public int calleeNotRegistered() {
        return TEMPORARILY_UNAVAILABLE;
    }

    /**
     * The no-answer timer ran out while the phones rang. 408 rather than 480 so reports and the caller's phone can
     * tell "rang out" from "nobody there".
     */
    public int noAnswer() {
        return REQUEST_TIMEOUT;
    }

    /** The caller cancelled, or sent BYE on the early dialog (RFC 3261 §9.2, §15.1.2). */
    public int cancelled() {
        return REQUEST_TERMINATED;
    }

    public int forMediaFailure(MediaFailure failure) {
        Objects.requireNonNull(failure, "failure");
        return switch (failure) {
            // RFC 3261 §21.4.26: the caller's offer shares nothing with what the media server can do.
            case OFFER_NOT_ACCEPTABLE -> NOT_ACCEPTABLE_HERE;
            // Our own trouble, and temporary: the caller's phone may retry (the SBB adds Retry-After).
            case CAPACITY_EXHAUSTED, ENDPOINT_LOST -> SERVICE_UNAVAILABLE;
            // Only known at the ACK, after the caller got 200; the record of an answered call keeps 200.
            case CALLER_ANSWER_MISSING, CALLER_ANSWER_NOT_ACCEPTABLE -> NOT_ACCEPTABLE_HERE;
        };
    }

    /** What the caller gets once every branch failed, or a 6xx ended the fork. */
    public int forCaller(ForkSet forks) {
        return toCaller(best(forks.failures()));
    }

    /**
     * The most telling of the branches' final responses, RFC 3261 §16.7 step 6 simplified: a 6xx wins outright;
     * otherwise 486 (the callee is there but busy) beats 480, which beats any other 4xx; then 3xx (we do not follow
     * redirects of extension phones), then 5xx; last the responses that say nothing about the callee: 408 (a phone
     * that never answered its transaction) and 487. Ties go to the branch forked first.
     *
     * @throws IllegalArgumentException if there is no failure to choose from
     */
    public int best(List<Integer> failures) {
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("no final responses to choose from");
        }
        int best = failures.get(0);
        for (int status : failures) {
            if (rank(status) < rank(best)) {
                best = status;
            }
        }
        return best;
    }

    /** Maps a callee-side final response to the one the caller gets (see the class comment). */
    public int toCaller(int calleeStatus) {
        if (calleeStatus < 300 || calleeStatus > 699) {
            throw new IllegalArgumentException("not a failure response: " + calleeStatus);
        }
        return switch (calleeStatus) {
            case BUSY_HERE, BUSY_EVERYWHERE, DECLINE -> calleeStatus;
            default -> TEMPORARILY_UNAVAILABLE;
        };
    }

    /**
     * How an answered call (the caller got 200) reads in the call record. ANSWERED, unless Parley ended it because
     * the caller's leg never had media: a delayed-offer caller whose ACK brought no usable answer talked to nobody, so
     * the call is FAILED, though its final code stays the 200 the caller got and the reason says what was missing.
     * A call whose endpoint was lost later did talk: it stays ANSWERED, its reason saying why it ended.
     */
    public Disposition dispositionOfAnswered(Optional<MediaFailure> failure) {
        Objects.requireNonNull(failure, "failure");
        return failure.filter(f -> f == MediaFailure.CALLER_ANSWER_MISSING
                || f == MediaFailure.CALLER_ANSWER_NOT_ACCEPTABLE).isPresent() ? Disposition.FAILED
                : Disposition.ANSWERED;
    }

    /** How a final response to the caller reads in the call record. */
    public Disposition dispositionOf(int callerStatus) {
        if (callerStatus >= 200 && callerStatus < 300) {
            return Disposition.ANSWERED;
        }
        return switch (callerStatus) {
            case BUSY_HERE, BUSY_EVERYWHERE -> Disposition.BUSY;
            case REQUEST_TIMEOUT -> Disposition.NO_ANSWER;
            case REQUEST_TERMINATED -> Disposition.CANCELLED;
            case DECLINE -> Disposition.REJECTED;
            case TEMPORARILY_UNAVAILABLE -> Disposition.UNAVAILABLE;
            case NOT_FOUND, DOES_NOT_EXIST_ANYWHERE -> Disposition.NOT_FOUND;
            default -> Disposition.FAILED;
        };
    }

    private static int rank(int status) {
        if (status >= 600) {
            return 0;
        }
        return switch (status) {
            case BUSY_HERE -> 1;
            case TEMPORARILY_UNAVAILABLE -> 2;
            case REQUEST_TIMEOUT -> 6;
            case REQUEST_TERMINATED -> 7;
            default -> status < 400 ? 4 : status < 500 ? 3 : 5;
        };
    }
}
