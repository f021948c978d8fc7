package io.synod.kv.storage.lmdb;

import io.synod.kv.consensus.api.SnapshotMeta;

/** The stored description of the latest snapshot plus how its data is split into chunk records. */
record StoredSnapshot(SnapshotMeta meta, int chunkBytes) {

    long chunkCount() {
        return (meta.sizeBytes() + chunkBytes - 1) / chunkBytes;
    }

    /** Length the chunk record {@code chunkNo} must have. */
    int chunkLength(long chunkNo) {
        return (int) Math.min(chunkBytes, meta.sizeBytes() - chunkNo * chunkBytes);
    }
}
