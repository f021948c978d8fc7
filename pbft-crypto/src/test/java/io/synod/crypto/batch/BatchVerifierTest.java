package io.synod.crypto.batch;

import io.synod.crypto.TestClusters;
import io.synod.crypto.sign.Domain;
import io.synod.crypto.sign.Ed25519Verifier;
import io.synod.crypto.sign.SignBytes;
import io.synod.crypto.sign.Signature;
import io.synod.crypto.sign.Verifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchVerifierTest {

    private final TestClusters cluster = TestClusters.of(4);
    private final Verifier verifier = new Ed25519Verifier(cluster.keys());
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** 40 messages; every fifth carries another node's signature. */
    private List<SignedMessage> mixedBatch() {
        List<SignedMessage> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long signer = 1 + i % 4;
            SignBytes bytes = SignBytes.builder(Domain.PREPARE).putLong(i).build();
            Signature signature = cluster.signer(i % 5 == 0 ? 1 + (signer % 4) : signer).sign(bytes);
            batch.add(new SignedMessage(signer, bytes, signature));
        }
        return batch;
    }

    private static BitSet expected() {
        BitSet valid = new BitSet();
        for (int i = 0; i < 40; i++) {
            if (i % 5 != 0) {
                valid.set(i);
            }
        }
        return valid;
    }

    @Test
    void sequentialReportsEachSignatureOnItsOwn() {
        assertThat(new SequentialBatchVerifier(verifier).verifyAll(mixedBatch())).isEqualTo(expected());
    }

    @Test
    void parallelGivesTheSameAnswerAsSequential() {
        for (int parallelism : new int[] {1, 2, 3, 7, 64}) {
            BatchVerifier parallel = new ParallelBatchVerifier(verifier, pool, parallelism, 2);
            assertThat(parallel.verifyAll(mixedBatch())).as("parallelism %d", parallelism).isEqualTo(expected());
        }
        assertThat(new ParallelBatchVerifier(verifier, pool, 2, 2).verifyAll(List.of())).isEqualTo(new BitSet());
    }

    @Test
    void smallBatchesStayOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        List<Thread> seen = new ArrayList<>();
        Verifier recording = (id, bytes, sig) -> {
            synchronized (seen) {
                seen.add(Thread.currentThread());
            }
            return verifier.verify(id, bytes, sig);
        };
        new ParallelBatchVerifier(recording, pool, 2, 41).verifyAll(mixedBatch());
        assertThat(seen).hasSize(40).containsOnly(caller);
    }

    @Test
    void aPoolThatRefusesWorkStillGetsTheRightAnswer() {
        pool.shutdown();
        assertThat(new ParallelBatchVerifier(verifier, pool, 2, 2).verifyAll(mixedBatch())).isEqualTo(expected());
    }

    @Test
    void refusesNonsenseSettings() {
        assertThatThrownBy(() -> new ParallelBatchVerifier(verifier, pool, 0, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParallelBatchVerifier(verifier, pool, 2, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
