package io.synod.kv.consensus.support;

import io.synod.kv.consensus.api.SnapshotMeta;

/**
 * The leader's side of sending one snapshot to one follower in chunks, one chunk in flight at a
 * time. {@link #ackedOffset()} is the offset the follower asked for next; a silent follower gets
 * that chunk again once {@link #tickIdle()} reaches an election timeout.
 */
public final class SnapshotTransfer {

    private final SnapshotMeta meta;
    private long ackedOffset;
    private int idleTicks;

    public SnapshotTransfer(SnapshotMeta meta) {
        this.meta = meta;
    }

    public SnapshotMeta meta() {
        return meta;
    }

    public long ackedOffset() {
        return ackedOffset;
    }

    /** The follower asked for {@code offset} next (capped at the snapshot's size). */
    public void acknowledge(long offset) {
        ackedOffset = Math.min(offset, meta.sizeBytes());
    }

    /** Whether the follower asked for the offset past the last byte: it holds the whole snapshot. */
    public boolean acknowledgedAll() {
        return ackedOffset == meta.sizeBytes();
    }

    /** Counts one tick without an answer; returns the ticks counted since the last chunk left. */
    public int tickIdle() {
        return ++idleTicks;
    }

    public void chunkSent() {
        idleTicks = 0;
    }

    /** Whether {@code other} is a snapshot at the same index and term as this one. */
    public boolean sameSnapshot(SnapshotMeta other) {
        return other != null && other.index() == meta.index() && other.term() == meta.term();
    }
}
