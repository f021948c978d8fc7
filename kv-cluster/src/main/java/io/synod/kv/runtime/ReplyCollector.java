package io.synod.kv.runtime;

import io.synod.crypto.digest.Digest;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Proposals waiting for {@code matching} replicas to report the same result (see
 * {@link SignedReplies}), by command digest. Each replica's first report counts; a proposal
 * completes with the first result that many distinct replicas reported. Reports of other
 * results, and replies whose signature did not verify, are ignored and counted. Used by the
 * event loop only.
 */
final class ReplyCollector {

    private static final class Waiting {
        final long deadlineNanos;
        final CompletableFuture<byte[]> future;
        final Map<Long, Digest> reportedBy = new HashMap<>();
        final Map<Digest, Integer> votes = new HashMap<>();

        Waiting(long deadlineNanos, CompletableFuture<byte[]> future) {
            this.deadlineNanos = deadlineNanos;
            this.future = future;
        }
    }

    private final int matching;
    private final Map<Digest, Waiting> waiting = new HashMap<>();
    private long rejected;
    private long mismatched;

    ReplyCollector(int matching) {
        if (matching < 1) {
            throw new IllegalArgumentException("at least one replica must report a result, not " + matching);
        }
        this.matching = matching;
    }

    /** Waits for the result of {@code command}; a proposal of the same command waiting before is dropped. */
    void await(Digest command, long deadlineNanos, CompletableFuture<byte[]> future) {
        Waiting replaced = waiting.put(command, new Waiting(deadlineNanos, future));
        if (replaced != null) {
            replaced.future.completeExceptionally(new ProposalDroppedException("the same command was proposed again"));
        }
    }

    /** Whether a proposal here waits for the result of {@code command}. */
    boolean wants(Digest command) {
        return waiting.containsKey(command);
    }

    /** {@code replica} reports {@code result} for {@code command} (this replica's own apply included). */
    void report(long replica, Digest command, byte[] result) {
        Waiting w = waiting.get(command);
        if (w == null) {
            return;
        }
        Digest digest = Digest.sha256(result);
        Digest earlier = w.reportedBy.putIfAbsent(replica, digest);
        if (earlier != null) {
            if (!earlier.equals(digest)) {
                mismatched++;
            }
            return;
        }
        if (w.votes.merge(digest, 1, Integer::sum) >= matching) {
            waiting.remove(command);
            mismatched += w.reportedBy.values().stream().filter(d -> !d.equals(digest)).count();
            w.future.complete(result);
        }
    }

    /** A reply about a waiting command did not carry its sender's valid signature. */
    void rejected() {
        rejected++;
    }

    /** Fails proposals whose deadline passed; the commands may still be applied later. */
    void expire(long nowNanos) {
        Iterator<Waiting> it = waiting.values().iterator();
        while (it.hasNext()) {
            Waiting w = it.next();
            if (nowNanos - w.deadlineNanos >= 0) {
                it.remove();
                w.future.completeExceptionally(new RequestTimeoutException("no " + matching
                        + " replicas reported the same result in time (" + w.reportedBy.size() + " reported)", true));
            }
        }
    }

    void failAll(Supplier<RuntimeException> cause) {
        waiting.values().forEach(w -> w.future.completeExceptionally(cause.get()));
        waiting.clear();
    }

    int size() {
        return waiting.size();
    }

    /** Replies about waiting commands whose signature did not verify, so far. */
    long rejectedReplies() {
        return rejected;
    }

    /** Reports of a result other than the one a proposal completed with (or than the replica's first report). */
    long mismatchedReports() {
        return mismatched;
    }
}
