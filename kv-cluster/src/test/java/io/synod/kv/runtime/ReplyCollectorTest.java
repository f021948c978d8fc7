package io.synod.kv.runtime;

import io.synod.crypto.digest.Digest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * f = 1 (four replicas): a proposal is answered only with this replica's result, once two
 * replicas vouched for it, and with their replies as the certificate.
 */
class ReplyCollectorTest {

    private static final Digest COMMAND = Digest.sha256("put k v".getBytes(StandardCharsets.UTF_8));
    private static final byte[] RIGHT = "right".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LIE = "lie".getBytes(StandardCharsets.UTF_8);
    private static final long SELF = 1;
    private static final long LIAR = 4;

    private static void report(ReplyCollector<String> collector, long replica, byte[] result) {
        collector.report(replica, COMMAND, Digest.sha256(result), "reply of " + replica);
    }

    /** The liar answers first, then this replica and a correct peer apply: the answer is theirs. */
    private static CompletableFuture<ReplyCollector.Certified<String>> liarFirst(ReplyCollector<String> collector,
                                                                                 byte[] local) {
        CompletableFuture<ReplyCollector.Certified<String>> answer = new CompletableFuture<>();
        collector.await(COMMAND, Long.MAX_VALUE, answer);
        report(collector, LIAR, LIE);
        collector.applied(COMMAND, local);
        report(collector, SELF, local);
        report(collector, 2, RIGHT);
        report(collector, 3, RIGHT);
        return answer;
    }

    @Test
    void aLyingReplicaAnsweringFirstDoesNotDecideTheResult() {
        ReplyCollector<String> collector = new ReplyCollector<>(2);
        CompletableFuture<ReplyCollector.Certified<String>> answer = liarFirst(collector, RIGHT);
        assertThat(answer).isCompleted();
        assertThat(answer.join().result()).isEqualTo(RIGHT);
        assertThat(answer.join().replies()).containsOnlyKeys(SELF, 2L)
                .containsEntry(2L, "reply of 2");
        assertThat(collector.mismatchedReports()).isEqualTo(1);
        assertThat(collector.size()).isZero();
    }

    @Test
    void theScenarioCatchesACollectorThatTakesTheFirstReply() {
        // A broken variant that trusts one reply fails this replica over the liar's word.
        CompletableFuture<ReplyCollector.Certified<String>> answer = liarFirst(new ReplyCollector<>(1), RIGHT);
        assertThatThrownBy(answer::join).cause().isInstanceOf(DivergedResultException.class);
    }

    @Test
    void aReplicaWhoseOwnResultDivergedDoesNotAnswer() {
        ReplyCollector<String> collector = new ReplyCollector<>(2);
        CompletableFuture<ReplyCollector.Certified<String>> answer = new CompletableFuture<>();
        collector.await(COMMAND, Long.MAX_VALUE, answer);
        collector.applied(COMMAND, LIE);
        report(collector, SELF, LIE);
        report(collector, 2, RIGHT);
        assertThat(answer).isNotDone();
        report(collector, 3, RIGHT);
        assertThatThrownBy(answer::join).cause().isInstanceOf(DivergedResultException.class)
                .satisfies(e -> assertThat(((RetryableException) e).outcomeUnknown()).isTrue());
        assertThat(collector.divergedResults()).isEqualTo(1);
    }

    @Test
    void aProposalVouchedForButSkippedByASnapshotFailsRetryably() {
        ReplyCollector<String> collector = new ReplyCollector<>(2);
        CompletableFuture<ReplyCollector.Certified<String>> vouched = new CompletableFuture<>();
        collector.await(COMMAND, Long.MAX_VALUE, vouched);
        report(collector, 2, RIGHT);
        report(collector, 3, RIGHT);
        Digest other = Digest.sha256("put other".getBytes(StandardCharsets.UTF_8));
        CompletableFuture<ReplyCollector.Certified<String>> notYet = new CompletableFuture<>();
        collector.await(other, Long.MAX_VALUE, notYet);
        collector.skippedBySnapshot();
        assertThatThrownBy(vouched::join).cause().isInstanceOf(RetryableException.class);
        assertThat(notYet).isNotDone();
        assertThat(collector.wants(other)).isTrue();
    }

    @Test
    void peersVouchingBeforeThisReplicaAppliedWaitForItsResult() {
        ReplyCollector<String> collector = new ReplyCollector<>(2);
        CompletableFuture<ReplyCollector.Certified<String>> answer = new CompletableFuture<>();
        collector.await(COMMAND, Long.MAX_VALUE, answer);
        report(collector, 2, RIGHT);
        report(collector, 3, RIGHT);
        assertThat(answer).isNotDone();
        collector.applied(COMMAND, RIGHT);
        assertThat(answer.join().replies()).containsOnlyKeys(2L, 3L);
    }

    @Test
    void oneReplicaRepeatingItselfIsStillOneReplica() {
        ReplyCollector<String> collector = new ReplyCollector<>(2);
        CompletableFuture<ReplyCollector.Certified<String>> answer = new CompletableFuture<>();
        collector.await(COMMAND, Long.MAX_VALUE, answer);
        collector.applied(COMMAND, RIGHT);
        report(collector, LIAR, LIE);
        report(collector, LIAR, LIE);
        report(collector, LIAR, RIGHT);
        assertThat(answer).isNotDone();
        assertThat(collector.mismatchedReports()).isEqualTo(1);
        report(collector, SELF, RIGHT);
        assertThat(answer).isNotDone();
        report(collector, 3, RIGHT);
        assertThat(answer.join().result()).isEqualTo(RIGHT);
    }

    @Test
    void withoutEnoughMatchingRepliesTheProposalTimesOutRetryably() {
        ReplyCollector<String> collector = new ReplyCollector<>(2);
        CompletableFuture<ReplyCollector.Certified<String>> answer = new CompletableFuture<>();
        collector.await(COMMAND, 100, answer);
        collector.applied(COMMAND, RIGHT);
        report(collector, SELF, RIGHT);
        report(collector, LIAR, LIE);
        collector.expire(99);
        assertThat(answer).isNotDone();
        collector.expire(100);
        assertThatThrownBy(answer::join).cause().isInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("no 2 replicas reported the same result in time (2 reported)")
                .satisfies(e -> assertThat(((RetryableException) e).outcomeUnknown()).isTrue());
        assertThat(collector.wants(COMMAND)).isFalse();
    }

    @Test
    void reportsAboutCommandsNobodyWaitsForAreIgnored() {
        ReplyCollector<String> collector = new ReplyCollector<>(2);
        report(collector, 2, RIGHT);
        CompletableFuture<ReplyCollector.Certified<String>> answer = new CompletableFuture<>();
        collector.await(COMMAND, Long.MAX_VALUE, answer);
        collector.applied(COMMAND, RIGHT);
        report(collector, SELF, RIGHT);
        assertThat(answer).isNotDone();
        assertThat(collector.wants(COMMAND)).isTrue();
    }
}
