package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.api.SnapshotMeta;

/**
 * The leader's side of sending one snapshot to one follower in chunks, one chunk in flight at a
 * time. {@code ackedOffset} is the offset the follower asked for next; a silent follower gets that
 * chunk again after {@code idleTicks} reach an election timeout.
 */
final class SnapshotTransfer {

    final SnapshotMeta meta;
    long ackedOffset;
    int idleTicks;

    SnapshotTransfer(SnapshotMeta meta) {
        this.meta = meta;
    }

    boolean sameSnapshot(SnapshotMeta other) {
        return other != null && other.index() == meta.index() && other.term() == meta.term();
    }
}
