package org.parley.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ForkSetTest {

    private static ForkSet forkTo(String... ids) {
        return ForkSet.of(java.util.Arrays.stream(ids)
                .map(id -> new ForkSet.Target(id, "sip:bob@192.0.2.1;ob=" + id)).toList()).send();
    }

    @Test
    void aBranchKeepsItsFirstFinalResponse() {
        ForkSet forks = forkTo("b1").respond("b1", 180).respond("b1", 486).respond("b1", 200).respond("b1", 183);
        assertEquals(486, forks.branch("b1").orElseThrow().status());
        assertEquals(List.of(486), forks.failures());
    }

    @Test
    void cancellingSendsToProceedingBranchesAndDefersTheSilentOnes() {
        ForkSet forks = forkTo("b1", "b2", "b3").respond("b1", 180).respond("b3", 480);
        ForkSet.Cancellation first = forks.cancelUnfinished();
        assertEquals(List.of("b1"), first.cancelNow());
        assertEquals(ForkSet.Cancel.SENT, first.forks().branch("b1").orElseThrow().cancel());
        assertEquals(ForkSet.Cancel.DEFERRED, first.forks().branch("b2").orElseThrow().cancel());
        assertEquals(ForkSet.Cancel.NONE, first.forks().branch("b3").orElseThrow().cancel(), "b3 is over already");

        ForkSet.Cancellation second = first.forks().respond("b2", 100).cancelUnfinished();
        assertEquals(List.of("b2"), second.cancelNow(), "the deferred CANCEL goes out, b1's is not repeated");
    }

    @Test
    void onlyAnAnsweredBranchCanWinAndOnlyOnce() {
        ForkSet forks = forkTo("b1", "b2").respond("b1", 180);
        assertThrows(IllegalStateException.class, () -> forks.win("b1"));
        ForkSet won = forks.respond("b1", 200).win("b1");
        assertEquals(Optional.of("b1"), won.winner());
        ForkSet late = won.respond("b2", 200);
        assertThrows(IllegalStateException.class, () -> late.win("b2"));
    }

    @Test
    void settledOnceEveryInvitedBranchHasAFinalResponse() {
        ForkSet planned = ForkSet.of(List.of(new ForkSet.Target("b1", "sip:bob@192.0.2.1")));
        assertTrue(planned.isSettled(), "nothing was sent");
        ForkSet sent = planned.send();
        assertFalse(sent.isSettled());
        assertFalse(sent.respond("b1", 180).isSettled());
        assertTrue(sent.respond("b1", 487).isSettled());
        assertTrue(ForkSet.none().isSettled());
    }

    @Test
    void othersUnfinishedLooksPastTheGivenBranch() {
        ForkSet forks = forkTo("b1", "b2").respond("b2", 486);
        assertFalse(forks.othersUnfinished("b1"));
        assertTrue(forks.othersUnfinished("b2"));
    }

    @Test
    void branchesAreKnownByUniqueIds() {
        assertThrows(IllegalArgumentException.class, () -> forkTo("b1", "b1"));
        assertThrows(IllegalArgumentException.class, () -> forkTo("b1").respond("b2", 180));
        assertThrows(IllegalArgumentException.class, () -> ForkSet.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ForkSet.Target(" ", "sip:bob@192.0.2.1"));
        assertThrows(IllegalArgumentException.class,
                () -> new ForkSet(List.of(), false, Optional.of("b1")), "the winner must be a branch");
    }
}
