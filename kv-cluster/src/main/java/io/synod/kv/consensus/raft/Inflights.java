package io.synod.kv.consensus.raft;

import java.util.ArrayDeque;

/** The APPEND messages sent to one follower and not yet acknowledged, by their last index. */
final class Inflights {

    private final int capacity;
    private final ArrayDeque<Long> lastIndexes = new ArrayDeque<>();

    Inflights(int capacity) {
        this.capacity = capacity;
    }

    boolean full() {
        return lastIndexes.size() >= capacity;
    }

    void add(long lastIndex) {
        Invariants.check(!full(), "inflight window overflow");
        Invariants.check(lastIndexes.isEmpty() || lastIndexes.peekLast() < lastIndex, "inflight indexes increase");
        lastIndexes.addLast(lastIndex);
    }

    /** Frees every message whose entries are all at or below {@code index}. */
    void freeTo(long index) {
        while (!lastIndexes.isEmpty() && lastIndexes.peekFirst() <= index) {
            lastIndexes.removeFirst();
        }
    }

    /** Frees the oldest message, so a follower whose acknowledgements were lost gets new ones. */
    void freeFirst() {
        lastIndexes.pollFirst();
    }

    void reset() {
        lastIndexes.clear();
    }
}
