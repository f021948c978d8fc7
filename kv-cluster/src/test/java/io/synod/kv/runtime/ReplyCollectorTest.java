package io.synod.kv.runtime;

import io.synod.crypto.digest.Digest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** f = 1 (four replicas): a proposal is answered only with a result two replicas reported. */
class ReplyCollectorTest {

    private static final Digest COMMAND = Digest.sha256("put k v".getBytes(StandardCharsets.UTF_8));
    private static final byte[] RIGHT = "right".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LIE = "lie".getBytes(StandardCharsets.UTF_8);
    private static final long SELF = 1;
    private static final long LIAR = 4;

    /** The liar answers first, then this replica and a correct peer apply: the answer is theirs. */
    private static CompletableFuture<byte[]> liarFirst(ReplyCollector collector) {
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        collector.await(COMMAND, Long.MAX_VALUE, answer);
        collector.report(LIAR, COMMAND, LIE);
        collector.report(SELF, COMMAND, RIGHT);
        collector.report(2, COMMAND, RIGHT);
        collector.report(3, COMMAND, RIGHT);
        return answer;
    }

    @Test
    void aLyingReplicaAnsweringFirstDoesNotDecideTheResult() {
        ReplyCollector collector = new ReplyCollector(2);
        CompletableFuture<byte[]> answer = liarFirst(collector);
        assertThat(answer).isCompletedWithValue(RIGHT);
        assertThat(collector.mismatchedReports()).isEqualTo(1);
        assertThat(collector.size()).isZero();
    }

    @Test
    void theScenarioCatchesACollectorThatTakesTheFirstReply() {
        // A broken variant that trusts one reply hands the liar's answer to the client.
        CompletableFuture<byte[]> answer = liarFirst(new ReplyCollector(1));
        assertThat(answer).isCompletedWithValue(LIE);
    }

    @Test
    void oneReplicaRepeatingItselfIsStillOneReplica() {
        ReplyCollector collector = new ReplyCollector(2);
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        collector.await(COMMAND, Long.MAX_VALUE, answer);
        collector.report(LIAR, COMMAND, LIE);
        collector.report(LIAR, COMMAND, LIE);
        collector.report(LIAR, COMMAND, RIGHT);
        assertThat(answer).isNotDone();
        assertThat(collector.mismatchedReports()).isEqualTo(1);
        collector.report(SELF, COMMAND, RIGHT);
        assertThat(answer).isNotDone();
        collector.report(3, COMMAND, RIGHT);
        assertThat(answer).isCompletedWithValue(RIGHT);
    }

    @Test
    void withoutEnoughMatchingRepliesTheProposalTimesOutRetryably() {
        ReplyCollector collector = new ReplyCollector(2);
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        collector.await(COMMAND, 100, answer);
        collector.report(SELF, COMMAND, RIGHT);
        collector.report(LIAR, COMMAND, LIE);
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
        ReplyCollector collector = new ReplyCollector(2);
        collector.report(2, COMMAND, RIGHT);
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        collector.await(COMMAND, Long.MAX_VALUE, answer);
        collector.report(SELF, COMMAND, RIGHT);
        assertThat(answer).isNotDone();
        assertThat(collector.wants(COMMAND)).isTrue();
    }
}
