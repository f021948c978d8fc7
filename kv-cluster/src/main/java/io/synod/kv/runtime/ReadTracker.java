package io.synod.kv.runtime;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Reads in flight on one replica. A linearizable read first waits for its {@code ReadState}
 * (the commit index the engine confirmed it still leads at), then until the state machine has
 * applied that index. Each confirmed read also records how fresh the local state is, which lets
 * bounded-staleness reads be served locally. Used by the event loop only.
 */
final class ReadTracker {

    /** A read: the encoded query, when it was issued, and who waits for the answer. */
    record PendingRead(byte[] query, long issuedNanos, long deadlineNanos, CompletableFuture<byte[]> future) {
    }

    private final Map<Long, PendingRead> awaitingIndex = new LinkedHashMap<>();
    private final TreeMap<Long, List<PendingRead>> awaitingApply = new TreeMap<>();
    private long nextReadId;
    /** Once {@code freshIndex} is applied, the local state includes every write acknowledged before {@code freshAsOfNanos}. */
    private long freshIndex;
    private long freshAsOfNanos;
    private boolean fresh;

    ReadTracker(long firstReadId) {
        this.nextReadId = firstReadId;
    }

    long register(PendingRead read) {
        long id = nextReadId++;
        awaitingIndex.put(id, read);
        return id;
    }

    void cancel(long readId) {
        awaitingIndex.remove(readId);
    }

    /**
     * The engine confirmed read {@code readId} at {@code index}. Returns the read if it can be
     * served now (index already applied), else parks it until {@link #servable} releases it.
     */
    PendingRead confirmed(long readId, long index, long appliedIndex) {
        PendingRead read = awaitingIndex.remove(readId);
        if (read == null) {
            return null;
        }
        if (!fresh || read.issuedNanos() - freshAsOfNanos > 0) {
            fresh = true;
            freshAsOfNanos = read.issuedNanos();
            freshIndex = index;
        }
        if (index <= appliedIndex) {
            return read;
        }
        awaitingApply.computeIfAbsent(index, i -> new ArrayList<>()).add(read);
        return null;
    }

    /** Reads whose index is now applied, in index order. */
    List<PendingRead> servable(long appliedIndex) {
        List<PendingRead> out = new ArrayList<>();
        Map<Long, List<PendingRead>> ready = awaitingApply.headMap(appliedIndex, true);
        ready.values().forEach(out::addAll);
        ready.clear();
        return out;
    }

    /** Whether the applied state is known to include all writes acknowledged up to {@code maxStalenessNanos} ago. */
    boolean freshWithin(long nowNanos, long maxStalenessNanos, long appliedIndex) {
        return fresh && appliedIndex >= freshIndex && nowNanos - freshAsOfNanos <= maxStalenessNanos;
    }

    /** Fails reads still waiting for a ReadState (leadership changed: the engine dropped them). */
    void failUnconfirmed(Supplier<RuntimeException> cause) {
        awaitingIndex.values().forEach(r -> r.future().completeExceptionally(cause.get()));
        awaitingIndex.clear();
    }

    void failAll(Supplier<RuntimeException> cause) {
        failUnconfirmed(cause);
        awaitingApply.values().forEach(list -> list.forEach(r -> r.future().completeExceptionally(cause.get())));
        awaitingApply.clear();
    }

    void expire(long nowNanos) {
        Iterator<PendingRead> it = awaitingIndex.values().iterator();
        while (it.hasNext()) {
            PendingRead r = it.next();
            if (nowNanos - r.deadlineNanos() >= 0) {
                it.remove();
                r.future().completeExceptionally(new RequestTimeoutException("read not confirmed in time", false));
            }
        }
    }

    int size() {
        int n = awaitingIndex.size();
        for (List<PendingRead> list : awaitingApply.values()) {
            n += list.size();
        }
        return n;
    }
}
