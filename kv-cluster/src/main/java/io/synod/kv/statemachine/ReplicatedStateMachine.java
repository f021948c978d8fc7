package io.synod.kv.statemachine;

/**
 * The deterministic state machine that a consensus group replicates. It never learns which
 * protocol ordered its commands. Every replica that applies the same commands in the same order
 * reaches the same state and the same {@link #digest()}.
 */
public interface ReplicatedStateMachine {

    /**
     * Applies the committed command at {@code index} (indexes strictly increase) and returns the
     * encoded result.
     */
    byte[] apply(long index, byte[] command);

    /**
     * Records that the committed entry at {@code index} carried no command (a no-op or a
     * membership change): the state is unchanged, but {@link #appliedIndex()} and a snapshot
     * taken now name {@code index}. Engines that certify the state at fixed indexes (PBFT
     * checkpoints) need a snapshot at every such index, whatever entry landed there.
     */
    void applyNoCommand(long index);

    /** Answers a read-only request against the current state, without changing it. */
    byte[] query(byte[] request);

    /** The index of the last entry applied (or restored from a snapshot). */
    long appliedIndex();

    /** Serializes the whole state, including client sessions, deterministically. */
    byte[] snapshot();

    /** Replaces the whole state with a snapshot taken at {@code index}. */
    void restore(long index, byte[] snapshot);

    /** A hash of the full state, for comparing replicas. */
    long digest();

    /**
     * Makes everything applied so far durable, so that {@link #appliedIndex()} survives a crash.
     * A state machine that keeps its state in memory has nothing to do.
     */
    default void sync() {
    }

    /**
     * A view of the state at {@link #appliedIndex()} that another thread may serialize while
     * commands keep being applied. The default serializes the whole state now.
     */
    default StateCheckpoint checkpoint() {
        return StateCheckpoint.of(appliedIndex(), snapshot());
    }
}
