package org.parley.sip.call;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The branches a call forks to, one per contact bound to the callee, each known by an opaque id the SBB chooses
 * (the Via branch of the INVITE it sends there, so a response maps back by its transaction). Records every branch's
 * last status, whether a CANCEL is owed or sent, and which branch won. Immutable, for a CMP field.
 *
 * @param branches in the order they were forked, which also breaks ties between equally good final responses
 * @param sent     whether the INVITEs went out; until then the branches are only a plan
 * @param winner   the branch whose 2xx was taken, once one was
 */
public record ForkSet(List<Branch> branches, boolean sent, Optional<String> winner) {

    private static final ForkSet NONE = new ForkSet(List.of(), false, Optional.empty());

    /** Where to fork: the id the SBB will use as the INVITE's Via branch, and the contact URI to send it to. */
    public record Target(String id, String contact) {

        public Target {
            requireText(id, "id");
            requireText(contact, "contact");
        }
    }

    /** Whether a branch still owes or has been sent a CANCEL. */
    public enum Cancel {
        NONE,
        /**
         * Asked to cancel before any provisional response: RFC 3261 §9.1 forbids a CANCEL until one arrives, so it
         * goes out with the first provisional (or never, if the branch's transaction times out first).
         */
        DEFERRED,
        SENT
    }

    /**
     * One branch of the fork.
     *
     * @param status the first final status once there is one, else the latest provisional, else 0
     */
    public record Branch(String id, String contact, int status, Cancel cancel) {

        public Branch {
            requireText(id, "id");
            requireText(contact, "contact");
            Objects.requireNonNull(cancel, "cancel");
        }

        public boolean isFinal() {
            return status >= 200;
        }

        public boolean hasProvisional() {
            return status >= 100 && status < 200;
        }

        public boolean isAnswered() {
            return status >= 200 && status < 300;
        }

        Branch withStatus(int newStatus) {
            return new Branch(id, contact, newStatus, cancel);
        }

        Branch withCancel(Cancel newCancel) {
            return new Branch(id, contact, status, newCancel);
        }
    }

    /** The outcome of cancelling the unfinished branches: the new fork set and the branches to CANCEL now. */
    public record Cancellation(ForkSet forks, List<String> cancelNow) {

        public Cancellation {
            Objects.requireNonNull(forks, "forks");
            cancelNow = List.copyOf(cancelNow);
        }
    }

    public ForkSet {
        branches = List.copyOf(branches);
        Objects.requireNonNull(winner, "winner");
        Set<String> ids = new HashSet<>();
        for (Branch branch : branches) {
            if (!ids.add(branch.id())) {
                throw new IllegalArgumentException("branch " + branch.id() + " appears twice");
            }
        }
        if (winner.isPresent() && !ids.contains(winner.get())) {
            throw new IllegalArgumentException("winner " + winner.get() + " is not a branch");
        }
    }

    /** Before the call forks. */
    public static ForkSet none() {
        return NONE;
    }

    /** A plan to fork to these targets; {@link #send()} once their INVITEs are asked for. */
    public static ForkSet of(List<Target> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a fork needs at least one target");
        }
        List<Branch> branches = new ArrayList<>();
        for (Target target : targets) {
            branches.add(new Branch(target.id(), target.contact(), 0, Cancel.NONE));
        }
        return new ForkSet(branches, false, Optional.empty());
    }

    /** The INVITEs are out: from now on every branch owes a final response. */
    public ForkSet send() {
        if (branches.isEmpty()) {
            throw new IllegalStateException("nothing to fork to");
        }
        return new ForkSet(branches, true, winner);
    }

    public Optional<Branch> branch(String id) {
        return branches.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /**
     * Records a response on a branch. A branch keeps its first final status: whatever follows it is a retransmission
     * (RFC 3261 §17.1.1.2 absorbs most, but a 2xx may be seen again, §13.2.2.4).
     *
     * @throws IllegalArgumentException if the branch is not part of this fork
     */
    public ForkSet respond(String id, int status) {
        Branch branch = require(id);
        if (branch.isFinal()) {
            return this;
        }
        return replace(branch.withStatus(status));
    }

    /** Takes this branch's 2xx: the call is answered there. */
    public ForkSet win(String id) {
        Branch branch = require(id);
        if (!branch.isAnswered()) {
            throw new IllegalStateException("branch " + id + " has not answered (status " + branch.status() + ")");
        }
        if (winner.isPresent()) {
            throw new IllegalStateException("branch " + winner.get() + " already won");
        }
        return new ForkSet(branches, sent, Optional.of(id));
    }

    /**
     * Cancels every branch still waiting for a final response: those with a provisional get their CANCEL now, the
     * others owe one until their first provisional (RFC 3261 §9.1). Calling it again sends the deferred ones whose
     * provisional has arrived since.
     */
    public Cancellation cancelUnfinished() {
        List<Branch> next = new ArrayList<>();
        List<String> now = new ArrayList<>();
        for (Branch branch : branches) {
            if (branch.isFinal() || branch.cancel() == Cancel.SENT) {
                next.add(branch);
            } else if (branch.hasProvisional()) {
                next.add(branch.withCancel(Cancel.SENT));
                now.add(branch.id());
            } else {
                next.add(branch.withCancel(Cancel.DEFERRED));
            }
        }
        return new Cancellation(new ForkSet(next, sent, winner), now);
    }

    /** Whether a branch other than this one still waits for a final response. */
    public boolean othersUnfinished(String id) {
        return branches.stream().anyMatch(b -> !b.id().equals(id) && !b.isFinal());
    }

    /**
     * Whether no transaction of this call is left on the callee side: the INVITEs never went out, or every branch
     * has its final response.
     */
    public boolean isSettled() {
        return !sent || branches.stream().allMatch(Branch::isFinal);
    }

    /** The non-2xx final statuses received, in fork order. */
    public List<Integer> failures() {
        return branches.stream().filter(b -> b.isFinal() && !b.isAnswered()).map(Branch::status).toList();
    }

    private Branch require(String id) {
        return branch(id).orElseThrow(() -> new IllegalArgumentException("no branch " + id + " in this call"));
    }

    private ForkSet replace(Branch changed) {
        List<Branch> next = new ArrayList<>(branches);
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).id().equals(changed.id())) {
                next.set(i, changed);
            }
        }
        return new ForkSet(next, sent, winner);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " cannot be blank");
        }
    }
}
