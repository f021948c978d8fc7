package io.synod.kv.runtime;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Proposals accepted into the log and waiting to be applied, by log index. An entry confirms
 * its proposal if it is applied at the index the engine accepted it at with the same term, or
 * with the same bytes (Multi-Paxos proposes a chosen value again under a later ballot, so its
 * term may change while the value does not); anything else at that index means the proposal was
 * overwritten. Used by the event loop only.
 */
final class ProposalTracker {

    private record Pending(long term, byte[] data, long deadlineNanos, CompletableFuture<byte[]> future) {
    }

    private final TreeMap<Long, Pending> byIndex = new TreeMap<>();
    /** Proposals an engine accepted without placing them yet (PBFT backups relay to the primary): by command. */
    private final Map<ByteBuffer, Pending> unplaced = new HashMap<>();

    void add(long index, long term, byte[] data, long deadlineNanos, CompletableFuture<byte[]> future) {
        Pending pending = new Pending(term, data, deadlineNanos, future);
        if (index == 0) {
            Pending replaced = unplaced.put(ByteBuffer.wrap(data), pending);
            if (replaced != null) {
                replaced.future().completeExceptionally(new ProposalDroppedException("the same command was proposed again"));
            }
        } else {
            byIndex.put(index, pending);
        }
    }

    /** The entry at {@code index} of {@code term} holding {@code data} was applied with {@code result}. */
    void applied(long index, long term, byte[] data, byte[] result) {
        Pending p = byIndex.remove(index);
        if (p == null) {
            Pending relayed = unplaced.remove(ByteBuffer.wrap(data));
            if (relayed != null) {
                relayed.future().complete(result);
            }
            return;
        }
        if (p.term() == term || Arrays.equals(p.data(), data)) {
            p.future().complete(result);
        } else {
            p.future().completeExceptionally(new ProposalDroppedException(
                    "entry " + index + " of term " + p.term() + " was overwritten by term " + term));
        }
    }

    /** Fails every proposal at or below {@code index} (a snapshot replaced that part of the log). */
    void failThrough(long index, Supplier<RuntimeException> cause) {
        Map<Long, Pending> head = byIndex.headMap(index, true);
        head.values().forEach(p -> p.future().completeExceptionally(cause.get()));
        head.clear();
    }

    void failAll(Supplier<RuntimeException> cause) {
        byIndex.values().forEach(p -> p.future().completeExceptionally(cause.get()));
        byIndex.clear();
        unplaced.values().forEach(p -> p.future().completeExceptionally(cause.get()));
        unplaced.clear();
    }

    /** Fails proposals whose deadline passed; the entries may still commit later. */
    void expire(long nowNanos) {
        expire(nowNanos, unplaced.values().iterator());
        expire(nowNanos, byIndex.values().iterator());
    }

    private static void expire(long nowNanos, Iterator<Pending> it) {
        while (it.hasNext()) {
            Pending p = it.next();
            if (nowNanos - p.deadlineNanos() >= 0) {
                it.remove();
                p.future().completeExceptionally(new RequestTimeoutException("proposal not applied in time", true));
            }
        }
    }

    int size() {
        return byIndex.size() + unplaced.size();
    }
}
