package io.synod.kv.runtime;

import io.synod.crypto.digest.Digest;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Proposals waiting for {@code matching} replicas to report the digest of the result this replica
 * got (see {@link SignedReplies}), by command digest. Each replica's first report counts. A
 * proposal completes with this replica's result and the signed replies that vouch for it; if
 * instead that many replicas agree on another result, this replica's state has diverged and the
 * proposal fails (retryably, on another replica). Reports of other results, and replies whose
 * signature did not verify, are ignored and counted. Used by the event loop only.
 *
 * @param <M> the signed reply messages kept as the certificate
 */
final class ReplyCollector<M> {

    /** A result and the signed replies of the replicas that reported it, by replica. */
    record Certified<M>(byte[] result, Map<Long, M> replies) {
    }

    private static final class Waiting<M> {
        final long deadlineNanos;
        final CompletableFuture<Certified<M>> future;
        final Map<Long, Digest> reportedBy = new HashMap<>();
        final Map<Long, M> replies = new HashMap<>();
        byte[] localResult;
        Digest localDigest;

        Waiting(long deadlineNanos, CompletableFuture<Certified<M>> future) {
            this.deadlineNanos = deadlineNanos;
            this.future = future;
        }
    }

    private final int matching;
    private final Map<Digest, Waiting<M>> waiting = new HashMap<>();
    private long rejected;
    private long mismatched;
    private long diverged;

    ReplyCollector(int matching) {
        if (matching < 1) {
            throw new IllegalArgumentException("at least one replica must report a result, not " + matching);
        }
        this.matching = matching;
    }

    /** Waits for the result of {@code command}; a proposal of the same command waiting before is dropped. */
    void await(Digest command, long deadlineNanos, CompletableFuture<Certified<M>> future) {
        Waiting<M> replaced = waiting.put(command, new Waiting<>(deadlineNanos, future));
        if (replaced != null) {
            replaced.future.completeExceptionally(new ProposalDroppedException("the same command was proposed again"));
        }
    }

    /** Whether a proposal here waits for the result of {@code command}. */
    boolean wants(Digest command) {
        return waiting.containsKey(command);
    }

    /** This replica applied {@code command} and got {@code result}. */
    void applied(Digest command, byte[] result) {
        Waiting<M> w = waiting.get(command);
        if (w == null || w.localResult != null) {
            return;
        }
        w.localResult = result;
        w.localDigest = Digest.sha256(result);
        decide(command, w);
    }

    /** {@code replica}'s signed {@code reply} reports {@code result} for {@code command} (this replica's own included). */
    void report(long replica, Digest command, Digest result, M reply) {
        Waiting<M> w = waiting.get(command);
        if (w == null) {
            return;
        }
        Digest earlier = w.reportedBy.putIfAbsent(replica, result);
        if (earlier != null) {
            if (!earlier.equals(result)) {
                mismatched++;
            }
            return;
        }
        w.replies.put(replica, reply);
        decide(command, w);
    }

    /** The result digest {@code matching} replicas reported, or null. */
    private Digest winner(Waiting<M> w) {
        Map<Digest, Integer> votes = new HashMap<>();
        w.reportedBy.values().forEach(d -> votes.merge(d, 1, Integer::sum));
        return votes.entrySet().stream().filter(e -> e.getValue() >= matching)
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private void decide(Digest command, Waiting<M> w) {
        Digest winner = winner(w);
        if (winner == null || w.localResult == null) {
            return;
        }
        waiting.remove(command);
        mismatched += w.reportedBy.values().stream().filter(d -> !d.equals(winner)).count();
        if (!winner.equals(w.localDigest)) {
            diverged++;
            w.future.completeExceptionally(new DivergedResultException(matching));
            return;
        }
        Map<Long, M> vouching = new LinkedHashMap<>();
        w.reportedBy.forEach((replica, d) -> {
            if (d.equals(winner)) {
                vouching.put(replica, w.replies.get(replica));
            }
        });
        w.future.complete(new Certified<>(w.localResult, vouching));
    }

    /**
     * This replica skipped commands by installing a snapshot: a proposal that enough replicas
     * already vouched for but that this replica never applied cannot get its result here, so it
     * fails retryably (a retry in the client's session gets the result on any replica).
     */
    void skippedBySnapshot() {
        Iterator<Waiting<M>> it = waiting.values().iterator();
        while (it.hasNext()) {
            Waiting<M> w = it.next();
            if (w.localResult == null && winner(w) != null) {
                it.remove();
                w.future.completeExceptionally(new RetryableException("replicas vouched for the result but this "
                        + "replica caught up by state transfer without applying the command", true));
            }
        }
    }

    /** A reply about a waiting command did not carry its sender's valid signature. */
    void rejected() {
        rejected++;
    }

    /** Fails proposals whose deadline passed; the commands may still be applied later. */
    void expire(long nowNanos) {
        Iterator<Waiting<M>> it = waiting.values().iterator();
        while (it.hasNext()) {
            Waiting<M> w = it.next();
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

    /** Reports of a result other than the one a proposal was decided with (or than the replica's first report). */
    long mismatchedReports() {
        return mismatched;
    }

    /** Proposals that failed because enough replicas agreed on a result other than this replica's. */
    long divergedResults() {
        return diverged;
    }
}
