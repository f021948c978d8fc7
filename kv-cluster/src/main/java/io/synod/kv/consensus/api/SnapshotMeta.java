package io.synod.kv.consensus.api;

import java.util.Objects;

/**
 * Describes a state-machine snapshot: it reflects every entry up to and including
 * {@code index} (of {@code term}) and the membership in force there.
 */
public record SnapshotMeta(long index, long term, ConfState confState, long sizeBytes, int checksum) {

    public SnapshotMeta {
        Objects.requireNonNull(confState, "confState");
    }
}
