package io.synod.kv.storage;

import io.synod.kv.consensus.api.ConfState;
import io.synod.kv.consensus.api.HardState;
import io.synod.kv.consensus.api.LogEntry;
import io.synod.kv.consensus.api.LogView;
import io.synod.kv.consensus.api.RepairFloor;
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

    /** Replaces the engine's opaque state ({@link io.synod.kv.consensus.api.Ready#engineState()}). */
    void setEngineState(byte[] engineState);

    /** Replaces the log with a snapshot received from a leader (keeps a matching suffix). */
    void installSnapshot(Snapshot snapshot);

    /**
     * Writes what one Ready asks to persist, in this order: {@code snapshot} (null: none),
     * {@code entries} (possibly empty), {@code hardState} and {@code engineState} (null: none),
     * with the same checks as {@link #installSnapshot}, {@link #append}, {@link #setHardState}
     * and {@link #setEngineState}. A store may write them in one transaction; durable at the
     * next {@link #sync()} either way.
     */
    default void persist(Snapshot snapshot, List<LogEntry> entries, HardState hardState, byte[] engineState) {
        if (snapshot != null) {
            installSnapshot(snapshot);
        }
        if (!entries.isEmpty()) {
            append(entries);
        }
        if (hardState != null) {
            setHardState(hardState);
        }
        if (engineState != null) {
            setEngineState(engineState);
        }
    }

    /**
     * Records a snapshot of the state machine taken at {@code index} (which must be applied and
     * stored) and discards the log up to and including it.
     */
    void compact(long index, byte[] stateMachineData, ConfState confAtIndex);

    /**
     * The last entry this replica held before its storage was found damaged and replaced by an
     * empty one ({@link #beginRepair}); {@link RepairFloor#NONE} if that never happened. Kept
     * across restarts, so a restarted replica keeps judging elections by the log it lost.
     */
    RepairFloor repairFloor();

    /**
     * Makes this new, empty store the start of a repair: it keeps the term and the vote of the
     * damaged store it replaces (so the replica never votes twice in a term) and records
     * {@code floor}. Commit index 0: what was committed is copied from the leader again.
     *
     * @throws IllegalStateException if the store holds any entry or snapshot, or a newer term
     */
    void beginRepair(long term, long vote, RepairFloor floor);

    /**
     * The repair floor for replacing this damaged store: its last entry, or the floor it already
     * had if that is more up to date (damaged again before it caught up). When the last entry's
     * term cannot be read, the current term stands in: no entry has a higher one, so the floor
     * is only stricter.
     */
    default RepairFloor floorAfterDamage() {
        long last = lastIndex();
        long lastTerm;
        try {
            lastTerm = term(last);
        } catch (CorruptionException e) {
            lastTerm = hardState().term();
        }
        return repairFloor().max(new RepairFloor(last, lastTerm));
    }

    /** Makes every write so far durable. */
    void sync();

    @Override
    void close();
}
