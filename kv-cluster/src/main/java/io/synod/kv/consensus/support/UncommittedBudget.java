package io.synod.kv.consensus.support;

import java.util.ArrayDeque;

/**
 * The leader's bound on bytes proposed in its term and not yet committed: the sizes of such
 * entries by index, released as the commit index passes them. A proposal that would exceed the
 * bound is refused, except when nothing is outstanding (so one oversized command still goes).
 */
public final class UncommittedBudget {

    /** Per-entry overhead counted on top of the command, as {@code LogEntry.sizeBytes()} does. */
    private static final long ENTRY_OVERHEAD_BYTES = 24L;

    private final long maxBytes;
    /** (index, bytes) of each outstanding entry, in index order. */
    private final ArrayDeque<long[]> entries = new ArrayDeque<>();
    private long bytes;

    public UncommittedBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Whether a command of {@code commandLength} bytes must wait for commits first. */
    public boolean isFull(int commandLength) {
        long size = commandLength + ENTRY_OVERHEAD_BYTES;
        return bytes > 0 && bytes + size > maxBytes;
    }

    /** Counts an entry appended at {@code index}. */
    public void track(long index, long entryBytes) {
        entries.addLast(new long[] {index, entryBytes});
        bytes += entryBytes;
    }

    /** Releases every entry up to {@code committedIndex}. */
    public void releaseThrough(long committedIndex) {
        while (!entries.isEmpty() && entries.peekFirst()[0] <= committedIndex) {
            bytes -= entries.removeFirst()[1];
        }
    }

    public void clear() {
        entries.clear();
        bytes = 0;
    }
}
