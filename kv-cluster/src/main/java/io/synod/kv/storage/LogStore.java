package io.synod.kv.storage;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.HardState;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.LogView;
import io.synod.kv.consensus.api.Snapshot;

import java.util.List;

/**
 * Durable home of one replica's consensus log, hard state and latest snapshot. The engine only
 * reads it (as a {@link LogView}); the runtime writes it while handling a Ready, then calls
 * {@link #sync()} once for the whole batch (group commit) before anything that depends on the
 * writes leaves the node.
 */
public interface LogStore extends LogView, AutoCloseable {

    /** Appends entries; a stored suffix from the first new entry's index on is replaced. */
    void append(List<LogEntry> entries);

    void setHardState(HardState hardState);

    /** Replaces the log with a snapshot received from a leader (keeps a matching suffix). */
    void installSnapshot(Snapshot snapshot);

    /**
     * Records a snapshot of the state machine taken at {@code index} (which must be applied and
     * stored) and discards the log up to and including it.
     */
    void compact(long index, byte[] stateMachineData, ConfState confAtIndex);

    /** Makes every write so far durable. */
    void sync();

    @Override
    void close();
}
