package io.synod.kv.runtime;

import io.synod.kv.statemachine.ReplicatedStateMachine;
import io.synod.kv.storage.LogStore;

/**
 * The stores of one replica, owned by its {@link GroupReplica} from start to close: the log and
 * the state machine, and a way to replace both when stored data turns out to be damaged.
 */
public interface ReplicaStorage {

    LogStore logStore();

    ReplicatedStateMachine stateMachine();

    /**
     * Closes both stores, moves their files aside and opens new, empty ones bootstrapped with the
     * group's initial membership, so the replica can rejoin and be brought up to date by its
     * peers. Returns where the damaged files went.
     *
     * @throws UnsupportedOperationException if this storage cannot be replaced
     */
    String replaceDamaged();

    /** Syncs and closes both stores. */
    void close();

    /** Stores opened by the caller; closing closes the log only, and damage cannot be repaired. */
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
            public String replaceDamaged() {
                throw new UnsupportedOperationException("stores given to the replica directly cannot be replaced");
            }

            @Override
            public void close() {
                logStore.close();
            }
        };
    }
}
