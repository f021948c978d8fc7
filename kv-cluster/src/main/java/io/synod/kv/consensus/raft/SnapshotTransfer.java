package io.synod.kv.consensus.raft;

import io.synod.kv.consensus.api.SnapshotMeta;

/**
 * The leader's side of sending one snapshot to one follower in chunks, one chunk in flight at a
 * time. {@code ackedOffset} is how many bytes the follower confirmed; a silent follower gets the
 * unacknowledged chunk again after a timeout.
 */
final class SnapshotTransfer {

    final SnapshotMeta meta;
    long ackedOffset;
    boolean chunkInFlight;
    int idleTicks;

    SnapshotTransfer(SnapshotMeta meta) {
        this.meta = meta;
    }

    boolean sameSnapshot(SnapshotMeta other) {
        return other != null && other.index() == meta.index() && other.term() == meta.term();
    }
}
