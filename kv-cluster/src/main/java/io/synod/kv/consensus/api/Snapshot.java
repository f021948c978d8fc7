package io.synod.kv.consensus.api;

import java.util.Objects;

/** A complete snapshot received from a leader, to persist and restore the state machine from. */
public record Snapshot(SnapshotMeta meta, byte[] data) {

    public Snapshot {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(data, "data");
    }
}
