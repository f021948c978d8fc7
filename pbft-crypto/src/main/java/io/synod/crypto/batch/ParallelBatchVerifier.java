package io.synod.crypto.batch;

import io.synod.crypto.sign.Verifier;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Splits a batch into contiguous chunks, verifies one chunk on the calling thread and the others
 * on an executor, and waits for all. Bouncy Castle has no Ed25519 batch verification (the random
 * linear-combination kind), so spreading single verifications over cores is what batching can buy.
 * Whether it pays depends on free cores: see the measurements in the module's package comment.
 * Batches below {@code minParallelBatch} stay on the calling thread, where handing work to other
 * threads costs more than it saves. Not for the simulator, which must run on one thread.
 */
public final class ParallelBatchVerifier implements BatchVerifier {

    private final Verifier verifier;
    private final Executor executor;
    private final int parallelism;
    private final int minParallelBatch;

    /**
     * @param executor         runs the chunks other than the caller's (a small fixed pool)
     * @param parallelism      how many chunks a large batch is split into (the caller's included)
     * @param minParallelBatch the smallest batch worth splitting
     */
    public ParallelBatchVerifier(Verifier verifier, Executor executor, int parallelism, int minParallelBatch) {
        if (parallelism < 1 || minParallelBatch < 2) {
            throw new IllegalArgumentException("parallelism must be at least 1 and minParallelBatch at least 2, not "
                    + parallelism + " and " + minParallelBatch);
        }
        this.verifier = verifier;
        this.executor = executor;
        this.parallelism = parallelism;
        this.minParallelBatch = minParallelBatch;
    }

    @Override
    public BitSet verifyAll(List<SignedMessage> messages) {
        int n = messages.size();
        BitSet valid = new BitSet(n);
        int chunks = Math.min(parallelism, n);
        if (n < minParallelBatch || chunks < 2) {
            verifyRange(messages, 0, n, valid);
            return valid;
        }
        // Each chunk fills its own BitSet: BitSet is not thread-safe, and merging is cheap.
        List<CompletableFuture<BitSet>> others = new ArrayList<>(chunks - 1);
        for (int c = 1; c < chunks; c++) {
            int from = c * n / chunks;
            int to = (c + 1) * n / chunks;
            others.add(submit(messages, from, to));
        }
        verifyRange(messages, 0, n / chunks, valid);
        try {
            for (CompletableFuture<BitSet> chunk : others) {
                valid.or(chunk.join());
            }
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return valid;
    }

    private CompletableFuture<BitSet> submit(List<SignedMessage> messages, int from, int to) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                BitSet part = new BitSet(to);
                verifyRange(messages, from, to, part);
                return part;
            }, executor);
        } catch (RejectedExecutionException e) {
            // A pool that is shutting down still gets a correct answer, just not a faster one.
            BitSet part = new BitSet(to);
            verifyRange(messages, from, to, part);
            return CompletableFuture.completedFuture(part);
        }
    }

    private void verifyRange(List<SignedMessage> messages, int from, int to, BitSet valid) {
        for (int i = from; i < to; i++) {
            SignedMessage m = messages.get(i);
            if (verifier.verify(m.nodeId(), m.message(), m.signature())) {
                valid.set(i);
            }
        }
    }
}
