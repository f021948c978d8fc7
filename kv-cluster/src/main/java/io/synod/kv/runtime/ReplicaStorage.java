package io.synod.kv.runtime;

import io.synod.kv.consensus.api.RepairFloor;
import io.synod.kv.statemachine.ReplicatedStateMachine;
import io.synod.kv.storage.LogStore;

/**
 * The stores of one replica, owned by its {@link GroupReplica} from start to close: the log and
 * the state machine, a way to replace them by empty ones when their data turned out to be
 * damaged (the replica then repairs itself from its peers), and a way to record damage that
 * cannot be repaired.
 */
public interface ReplicaStorage {

    LogStore logStore();

    ReplicatedStateMachine stateMachine();

    /** Whether {@link #replaceForRepair} can replace these stores. */
    boolean repairable();

    /**
     * Replaces both stores by empty ones for a repair: the new log store keeps {@code term} and
     * {@code vote} and records {@code repairFloor} (see {@link LogStore#beginRepair}), durably,
     * before this returns; {@link #logStore()} and {@link #stateMachine()} then return the new
     * stores. Crash-safe: a restart in the middle completes the repair rather than starting
     * from empty stores that forgot the term and vote.
     *
     * @throws UnsupportedOperationException if the stores are not {@link #repairable()}
     */
    void replaceForRepair(long term, long vote, RepairFloor repairFloor);

    /**
     * Records that this storage holds damaged data that cannot be repaired, so that it is never
     * opened for service again
     * until an operator deals with it. Returns what was done and what the operator should do, as
     * a sentence for the log.
     */
    String markDamaged(String reason);

    /** Syncs and closes both stores. */
    void close();

    /**
     * Stores opened by the caller; closing closes the log only, damage is not recorded, and they
     * cannot be replaced, so damage stops the replica.
     */
    static ReplicaStorage of(LogStore logStore, ReplicatedStateMachine stateMachine) {
        return new ReplicaStorage() {
            @Override
            public LogStore logStore() {
                return logStore;
            }

            @Override
            public ReplicatedStateMachine stateMachine() {
                return stateMachine;
            }

            @Override
            public boolean repairable() {
                return false;
            }

            @Override
            public void replaceForRepair(long term, long vote, RepairFloor repairFloor) {
                throw new UnsupportedOperationException("stores given to the replica directly cannot be replaced");
            }

            @Override
            public String markDamaged(String reason) {
                return "These stores were given to the replica directly; nothing was recorded on disk.";
            }

            @Override
            public void close() {
                logStore.close();
            }
        };
    }
}
