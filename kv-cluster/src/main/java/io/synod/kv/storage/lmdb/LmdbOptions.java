package io.synod.kv.storage.lmdb;

/**
 * Tunables of an {@link LmdbLogStore}.
 *
 * @param mapSizeBytes       upper bound of the database file; writes beyond it fail with
 *                           {@link StoreFullException}
 * @param snapshotChunkBytes size of the records a snapshot's data is split into; used for newly
 *                           written snapshots only (each snapshot remembers its own chunk size)
 * @param nodeId             the node this directory belongs to, recorded on first open and
 *                           checked on every later one; {@code 0} means "do not check"
 */
public record LmdbOptions(long mapSizeBytes, int snapshotChunkBytes, long nodeId) {

    public static final long DEFAULT_MAP_SIZE_BYTES = 1L << 30;
    public static final int DEFAULT_SNAPSHOT_CHUNK_BYTES = 256 * 1024;

    public LmdbOptions {
        if (mapSizeBytes <= 0) {
            throw new IllegalArgumentException("map size must be positive: " + mapSizeBytes);
        }
        if (snapshotChunkBytes <= 0) {
            throw new IllegalArgumentException("snapshot chunk size must be positive: " + snapshotChunkBytes);
        }
        if (nodeId < 0) {
            throw new IllegalArgumentException("node id must not be negative: " + nodeId);
        }
    }

    public static LmdbOptions defaults() {
        return new LmdbOptions(DEFAULT_MAP_SIZE_BYTES, DEFAULT_SNAPSHOT_CHUNK_BYTES, 0);
    }

    public LmdbOptions withMapSizeBytes(long bytes) {
        return new LmdbOptions(bytes, snapshotChunkBytes, nodeId);
    }

    public LmdbOptions withSnapshotChunkBytes(int bytes) {
        return new LmdbOptions(mapSizeBytes, bytes, nodeId);
    }

    public LmdbOptions withNodeId(long id) {
        return new LmdbOptions(mapSizeBytes, snapshotChunkBytes, id);
    }
}
