package io.synod.kv.consensus.api;

import java.util.List;

/**
 * The engine's read-only view of what its runtime has made durable: hard state, stable log
 * entries and the latest snapshot. Writes never go through here; they leave the engine as
 * {@link Ready} effects and the runtime applies them before calling {@link ConsensusEngine#advance}.
 *
 * <p>Membership is the snapshot's {@link SnapshotMeta#confState()} (for a new group, a bootstrap
 * snapshot at index 0 carries the initial members) followed by the CONF_CHANGE entries in the log.
 *
 * <p>After compaction the log starts right after the snapshot: {@code firstIndex() ==
 * snapshotMeta().index() + 1}, and {@code term(snapshotMeta().index())} still answers.
 */
public interface LogView {

    HardState hardState();

    /** First index still held in the log (snapshot index + 1). */
    long firstIndex();

    /** Last durable index; equals the snapshot index when the log is empty. */
    long lastIndex();

    /** Term of {@code index}, for {@code snapshotIndex <= index <= lastIndex}; -1 outside it. */
    long term(long index);

    /** Entries in {@code [lo, hi)}, at least one and then as many as fit in {@code maxBytes}. */
    List<LogEntry> entries(long lo, long hi, long maxBytes);

    /** The latest snapshot's description; index 0 if there is none. */
    SnapshotMeta snapshotMeta();

    /** What the engine last asked to keep through {@link Ready#engineState()}; empty if nothing. */
    default byte[] engineState() {
        return new byte[0];
    }

    /** Reads part of the latest snapshot's data, for chunked transfer to a lagging follower. */
    byte[] snapshotChunk(long offset, int maxBytes);
}
