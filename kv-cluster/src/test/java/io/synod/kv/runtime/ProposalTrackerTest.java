package io.synod.kv.runtime;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProposalTrackerTest {

    private static final byte[] CMD = {1, 2, 3};

    private final ProposalTracker tracker = new ProposalTracker();

    @Test
    void anEntryAppliedWithTheAcceptedTermCompletesItsProposal() {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        tracker.add(5, 2, CMD, Long.MAX_VALUE, f);
        tracker.applied(5, 2, CMD, new byte[] {42});
        assertThat(f.join()).containsExactly(42);
        assertThat(tracker.size()).isZero();
    }

    @Test
    void theSameValueUnderALaterBallotStillCompletesItsProposal() {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        tracker.add(5, 2, CMD, Long.MAX_VALUE, f);
        tracker.applied(5, 7, CMD.clone(), new byte[] {42});
        assertThat(f.join()).containsExactly(42);
    }

    @Test
    void anotherEntryAtTheSameIndexMeansTheProposalWasOverwritten() {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        tracker.add(5, 2, CMD, Long.MAX_VALUE, f);
        tracker.applied(5, 3, new byte[] {9}, new byte[0]);
        assertThatThrownBy(f::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(ProposalDroppedException.class);
    }

    @Test
    void expiryAndSnapshotsFailOnlyTheAffectedProposals() {
        CompletableFuture<byte[]> early = new CompletableFuture<>();
        CompletableFuture<byte[]> covered = new CompletableFuture<>();
        CompletableFuture<byte[]> later = new CompletableFuture<>();
        tracker.add(1, 1, CMD, 100, early);
        tracker.add(2, 1, CMD, 1_000, covered);
        tracker.add(3, 1, CMD, 1_000, later);

        tracker.expire(500);
        tracker.failThrough(2, () -> new ProposalDroppedException("snapshot"));

        assertThatThrownBy(early::join).hasCauseInstanceOf(RequestTimeoutException.class);
        assertThatThrownBy(covered::join).hasCauseInstanceOf(ProposalDroppedException.class);
        assertThat(later).isNotDone();
        assertThat(tracker.size()).isEqualTo(1);
    }
}
